package io.streamnet.nn.reco;

/**
 * HR@K and MRR@K of one ranker over a stream: a hit when the held-out item's 0-based rank is below K, reciprocal
 * rank {@code 1 / (rank + 1)} for a hit and 0 otherwise, both averaged over every prediction made (items never seen
 * before included, as misses).
 */
public final class TopKCounts {
    private final int k;
    private long predictions;
    private long hits;
    private double reciprocalRankSum;

    public TopKCounts(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        this.k = k;
    }

    /** @param rank 0-based rank, {@link PessimisticRank#UNRANKED} for an item that could not be ranked */
    void add(int rank) {
        predictions++;
        if (rank < k) {
            hits++;
            reciprocalRankSum += 1.0 / (rank + 1);
        }
    }

    public int k() {
        return k;
    }

    public long predictions() {
        return predictions;
    }

    public long hits() {
        return hits;
    }

    public double hitRate() {
        return predictions == 0 ? Double.NaN : (double) hits / predictions;
    }

    public double mrr() {
        return predictions == 0 ? Double.NaN : reciprocalRankSum / predictions;
    }
}
