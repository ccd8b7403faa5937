package io.streamnet.nn.network;

/** Outcome of {@link Network#trainBatch}. */
public enum TrainStatus {
    /** The loss and gradients were finite and the optimizer applied one update. */
    TRAINED,
    /** The loss was NaN or infinite: nothing was updated (weights, optimizer slots and step counter are unchanged). */
    REJECTED_NONFINITE_LOSS,
    /** A gradient was NaN or infinite: nothing was updated. */
    REJECTED_NONFINITE_GRADIENT,
    /**
     * The loss was finite but above the caller's ceiling ({@link Network#trainBatch(Batch, double)}): nothing was
     * updated. A divergence guard's verdict, so the caller counts it, not {@link TrainingCounters}.
     */
    REJECTED_LOSS_ABOVE_LIMIT;

    public boolean trained() {
        return this == TRAINED;
    }
}
