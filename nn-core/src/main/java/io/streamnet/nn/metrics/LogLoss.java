package io.streamnet.nn.metrics;

/**
 * Mean binary cross-entropy {@code -[y ln p + (1-y) ln(1-p)]}. Probabilities are clipped to
 * {@code [EPSILON, 1 - EPSILON]} first: a float32 sigmoid rounds to exactly 0 or 1 for logits beyond about 17,
 * and one such confident mistake would otherwise make the mean infinite for the rest of the stream.
 */
public final class LogLoss implements Metric {
    /** Clip for probabilities, about float32's resolution near 1. */
    public static final double EPSILON = 1e-7;

    private double sum;
    private long count;

    public void update(double probability, int label) {
        Checks.probability(probability);
        Checks.label(label);
        double p = Math.min(1 - EPSILON, Math.max(EPSILON, probability));
        sum -= label == 1 ? Math.log(p) : Math.log1p(-p);
        count++;
    }

    @Override
    public String name() {
        return "logloss";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }

    @Override
    public long count() {
        return count;
    }
}
