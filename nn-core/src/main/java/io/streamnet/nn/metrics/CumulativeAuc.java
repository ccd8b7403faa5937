package io.streamnet.nn.metrics;

/**
 * AUC over the whole stream in bounded memory: scores go into {@code bins} equal-width bins on the logit
 * {@code ln(p / (1-p))}, clamped to {@code [-LOGIT_LIMIT, LOGIT_LIMIT]}, one count array per class. Pairs in
 * different bins are ordered exactly; pairs in the same bin count one half, as ties do. The result therefore differs
 * from the exact (sorting) AUC by at most {@link #maxError()}, half the fraction of positive-negative pairs that
 * share a bin, which this class reports so the approximation is never silent. Logit bins (rather than probability
 * bins) keep the resolution where a confident model puts its scores, near 0 and 1.
 */
public final class CumulativeAuc implements Metric {
    /** Beyond this a float32 probability is 0 or 1 anyway (sigmoid(17) rounds to 1f). */
    public static final double LOGIT_LIMIT = 18.0;
    public static final int DEFAULT_BINS = 1 << 16;

    private final long[] positives;
    private final long[] negatives;
    private long count;

    public CumulativeAuc() {
        this(DEFAULT_BINS);
    }

    public CumulativeAuc(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("AUC needs at least 2 bins, got " + bins);
        }
        positives = new long[bins];
        negatives = new long[bins];
    }

    public void update(double probability, int label) {
        Checks.probability(probability);
        Checks.label(label);
        int bin = bin(probability);
        if (label == 1) {
            positives[bin]++;
        } else {
            negatives[bin]++;
        }
        count++;
    }

    int bin(double p) {
        double logit = Math.log(p) - Math.log1p(-p);
        double clamped = Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, logit)); // also maps p=0/1 (+-inf)
        int bins = positives.length;
        int b = (int) ((clamped + LOGIT_LIMIT) / (2 * LOGIT_LIMIT) * bins);
        return Math.min(bins - 1, b);
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public double value() {
        long negBelow = 0;
        long pos = 0;
        double pairs = 0;
        for (int b = 0; b < positives.length; b++) {
            pairs += positives[b] * (negBelow + 0.5 * negatives[b]);
            negBelow += negatives[b];
            pos += positives[b];
        }
        return pos == 0 || negBelow == 0 ? Double.NaN : pairs / ((double) pos * negBelow);
    }

    /** Upper bound on {@code |value() - exact AUC|}: half the share of positive-negative pairs in a common bin. */
    public double maxError() {
        long pos = 0;
        long neg = 0;
        double shared = 0;
        for (int b = 0; b < positives.length; b++) {
            shared += (double) positives[b] * negatives[b];
            pos += positives[b];
            neg += negatives[b];
        }
        return pos == 0 || neg == 0 ? Double.NaN : 0.5 * shared / ((double) pos * neg);
    }

    @Override
    public long count() {
        return count;
    }
}
