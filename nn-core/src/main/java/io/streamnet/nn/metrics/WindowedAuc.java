package io.streamnet.nn.metrics;

/**
 * Exact AUC over the last {@code window} events (a sliding window), computed by sorting when read:
 * {@code O(window log window)} per {@link #value()}, constant time per {@link #update}. Read it a few times per
 * second at most (progress lines), not per event.
 */
public final class WindowedAuc implements Metric {
    private final float[] scores;
    private final byte[] labels;
    private int next;
    private int filled;
    private long count;

    public WindowedAuc(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("AUC window must hold at least 2 events, got " + window);
        }
        scores = new float[window];
        labels = new byte[window];
    }

    public void update(double probability, int label) {
        Checks.probability(probability);
        Checks.label(label);
        scores[next] = (float) probability;
        labels[next] = (byte) label;
        next = (next + 1) % scores.length;
        filled = Math.min(filled + 1, scores.length);
        count++;
    }

    public int window() {
        return scores.length;
    }

    @Override
    public String name() {
        return "auc_window";
    }

    @Override
    public double value() {
        // the window's order does not matter to AUC, so the ring buffer is used as it is
        return ExactAuc.compute(scores, labels, filled);
    }

    @Override
    public long count() {
        return count;
    }
}
