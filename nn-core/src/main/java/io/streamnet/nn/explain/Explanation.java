package io.streamnet.nn.explain;

import java.util.List;

/**
 * Why a text got its score: the prediction and every distinct token of the text with its contribution, largest
 * magnitude first. Contributions are in logit units and add up to {@code logit - baselineLogit} (up to the
 * integration error), the baseline being the text without any token.
 *
 * @param tokens all distinct tokens, by decreasing |contribution| (ties: first occurrence first)
 */
public record Explanation(double probability, double logit, double baselineLogit, List<TokenContribution> tokens) {
    public Explanation {
        tokens = List.copyOf(tokens);
    }

    /** The {@code k} tokens of largest |contribution| (all of them when the text has fewer). */
    public List<TokenContribution> top(int k) {
        if (k < 0) throw new IllegalArgumentException("top k must be >= 0, got " + k);
        return tokens.subList(0, Math.min(k, tokens.size()));
    }

    /** The sum of all contributions: completeness compares it with {@code logit - baselineLogit}. */
    public double total() {
        double s = 0;
        for (TokenContribution t : tokens) s += t.contribution();
        return s;
    }
}
