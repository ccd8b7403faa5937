/**
 * Per-prediction explanations of the sentiment models: which tokens of a text pushed its score up or down.
 *
 * <p>{@link io.streamnet.nn.explain.IntegratedGradients} attributes a text network's logit to its token embeddings
 * (integrated gradients; baseline: every token embedding zero), for a bag model (embedding_bag) or a sequence model
 * (embedding over padded ids, e.g. TextCNN); {@link io.streamnet.nn.explain.TextExplainer} maps those attributions
 * back to the text's tokens, through the hashed n-grams or positions each id came from, and ranks them
 * ({@link io.streamnet.nn.explain.Explanation}).
 */
package io.streamnet.nn.explain;
