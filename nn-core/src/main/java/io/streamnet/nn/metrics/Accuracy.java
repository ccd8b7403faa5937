package io.streamnet.nn.metrics;

/** Fraction of binary predictions that are right; a probability above 0.5 predicts the positive class. */
public final class Accuracy implements Metric {
    private long correct;
    private long count;

    public void update(double probability, int label) {
        Checks.probability(probability);
        Checks.label(label);
        if ((probability > 0.5) == (label == 1)) {
            correct++;
        }
        count++;
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    @Override
    public long count() {
        return count;
    }
}
