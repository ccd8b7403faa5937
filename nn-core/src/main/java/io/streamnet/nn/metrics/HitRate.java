package io.streamnet.nn.metrics;

/** HR@K: the share of queries whose held-out item ranks in the top K. */
public final class HitRate implements Metric {
    private final int k;
    private long hits;
    private long count;

    public HitRate(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        this.k = k;
    }

    /** @param rank 0-based rank of the held-out item (see {@link Ranking#rankOf}) */
    public void update(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0, got " + rank);
        }
        if (rank < k) {
            hits++;
        }
        count++;
    }

    @Override
    public String name() {
        return "hr@" + k;
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : (double) hits / count;
    }

    @Override
    public long count() {
        return count;
    }
}
