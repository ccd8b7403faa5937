/**
 * Per-prediction explanations of the sentiment models: which tokens of a text pushed its score up or down.
 *
 * <p>{@link io.streamnet.nn.explain.IntegratedGradients} attributes a bag network's logit to the entries of its
 * embedding bag (integrated gradients on the token embeddings, baseline: no tokens at all);
 * {@link io.streamnet.nn.explain.TextExplainer} maps those attributions back to the text's tokens, through the
 * hashed n-grams each id came from, and ranks them ({@link io.streamnet.nn.explain.Explanation}).
 */
package io.streamnet.nn.explain;
