package io.streamnet.nn.explain;

/**
 * One token of a text and how much it moved the prediction, in logit units: positive towards the positive class.
 *
 * @param token        the token as the tokenizer gives it (lower-cased)
 * @param contribution the sum over its occurrences of its share of every n-gram it is part of
 * @param occurrences  how often the token occurs in the text
 */
public record TokenContribution(String token, double contribution, int occurrences) {}
