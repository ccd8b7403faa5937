package io.streamnet.nn.reco;

/**
 * HR@K and NDCG@K of one ranker over a stream, as plain sums so that they can be checkpointed: a hit when the
 * held-out item's 0-based rank is below K, NDCG {@code 1 / log2(rank + 2)} for a hit (one relevant item: the ideal
 * DCG is 1), both averaged over the positives ranked.
 */
public final class RankingCounts {
    private final int k;
    private long queries;
    private long hits;
    private double ndcgSum;

    public RankingCounts(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        this.k = k;
    }

    /** @param rank 0-based rank of the held-out item; {@link Integer#MAX_VALUE} for an item that cannot be ranked */
    public void add(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0, got " + rank);
        }
        queries++;
        if (rank < k) {
            hits++;
            ndcgSum += 1.0 / (StrictMath.log(rank + 2) / StrictMath.log(2));
        }
    }

    public int k() {
        return k;
    }

    public long queries() {
        return queries;
    }

    public long hits() {
        return hits;
    }

    public double hitRate() {
        return queries == 0 ? Double.NaN : (double) hits / queries;
    }

    public double ndcg() {
        return queries == 0 ? Double.NaN : ndcgSum / queries;
    }

    void writeTo(StateWriter out) {
        out.putInt(k).putLong(queries).putLong(hits).putDouble(ndcgSum);
    }

    static RankingCounts readFrom(StateReader in) {
        RankingCounts c = new RankingCounts(in.getInt("K", 1, Integer.MAX_VALUE));
        c.queries = in.getLong("queries");
        c.hits = in.getLong("hits");
        c.ndcgSum = in.getDouble("ndcg sum");
        return c;
    }
}
