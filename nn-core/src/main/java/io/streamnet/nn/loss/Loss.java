package io.streamnet.nn.loss;

import io.streamnet.nn.tensor.Tensor;

/**
 * A training loss on the network's output (logits). Reduction: the mean over the batch (and over output units
 * for value targets); with per-example weights w, {@code sum_b w_b * l_b / count}, as PyTorch's {@code weight=}.
 */
public interface Loss {
    /** Name as written in a spec: mse, bce_with_logits, softmax_cross_entropy. */
    String name();

    /** Whether targets are class indices (softmax cross-entropy) rather than float values. */
    boolean usesClassTargets();

    /**
     * Computes the loss of {@code logits} against {@code targets}, writes dLoss/dlogits into {@code grad} and the
     * predictions (see {@link #predict}) into {@code predictions}; both are resized like logits.
     *
     * @param weights per-example weights ({@code logits.batchSize()} entries) or null for all 1
     * @return the loss (NaN or infinite if the inputs are; the caller decides)
     */
    double lossAndGradient(Tensor logits, Targets targets, float[] weights, Tensor grad, Tensor predictions);

    /** Predictions from logits: probabilities for BCE (sigmoid) and softmax CE (softmax), the values for MSE. */
    void predict(Tensor logits, Tensor predictions);

    /**
     * Checks the first {@code batch} targets against an output width; returns null if all are valid, otherwise the
     * first offending example and what is wrong with it (e.g. "class 12 is out of range [0, 10)").
     */
    TargetProblem checkTargets(Targets targets, int batch, int outputWidth);
}
