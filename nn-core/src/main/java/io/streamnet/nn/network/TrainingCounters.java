package io.streamnet.nn.network;

/**
 * Counts of what {@link Network#trainBatch} did, part of the model state: batches and examples trained, and
 * batches rejected because their loss or gradients were not finite (never dropped silently).
 */
public final class TrainingCounters {
    long trainedBatches;
    long trainedExamples;
    long rejectedNonFiniteLoss;
    long rejectedNonFiniteGradient;

    public long trainedBatches() { return trainedBatches; }
    public long trainedExamples() { return trainedExamples; }
    public long rejectedNonFiniteLoss() { return rejectedNonFiniteLoss; }
    public long rejectedNonFiniteGradient() { return rejectedNonFiniteGradient; }

    /** All rejected batches. */
    public long rejectedBatches() { return rejectedNonFiniteLoss + rejectedNonFiniteGradient; }

    /** Restores counters (model state). */
    public void restore(long trainedBatches, long trainedExamples, long rejectedNonFiniteLoss, long rejectedNonFiniteGradient) {
        this.trainedBatches = trainedBatches;
        this.trainedExamples = trainedExamples;
        this.rejectedNonFiniteLoss = rejectedNonFiniteLoss;
        this.rejectedNonFiniteGradient = rejectedNonFiniteGradient;
    }

    @Override
    public String toString() {
        return "trained_batches=" + trainedBatches + " trained_examples=" + trainedExamples
                + " rejected_nonfinite_loss=" + rejectedNonFiniteLoss + " rejected_nonfinite_gradient=" + rejectedNonFiniteGradient;
    }
}
