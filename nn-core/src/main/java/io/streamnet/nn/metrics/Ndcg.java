package io.streamnet.nn.metrics;

/**
 * NDCG@K with one relevant item per query: {@code 1 / log2(rank + 2)} if the held-out item ranks in the top K
 * (0-based rank), else 0; the ideal DCG is 1, so no further normalisation. Averaged over queries.
 */
public final class Ndcg implements Metric {
    private static final double LN2 = Math.log(2);
    private final int k;
    private double sum;
    private long count;

    public Ndcg(int k) {
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
            sum += LN2 / Math.log(rank + 2);
        }
        count++;
    }

    @Override
    public String name() {
        return "ndcg@" + k;
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
