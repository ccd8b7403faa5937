package io.streamnet.nn.reco;

/**
 * The learner's prequential figures, checkpointable: HR@K and NDCG@K of the positives (each ranked before it is
 * learned from), and RMSE and MAE of the rating predictions after a warm-up of the first {@code warmUp} ratings (as
 * the peer {@code reco_baselines.py} counts them). Also how many positives were ranked with the popularity fallback
 * and how many could not be ranked at all (no row for the item, or already interacted with: misses).
 */
public final class RecoEvaluator {
    private final RankingCounts ranking;
    private final long warmUp;
    private long ratingsSeen;
    private long ratingsScored;
    private double squaredErrors;
    private double absoluteErrors;
    private long fallbacks;
    private long unranked;

    public RecoEvaluator(int k, long warmUp) {
        if (warmUp < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0, got " + warmUp);
        }
        this.ranking = new RankingCounts(k);
        this.warmUp = warmUp;
    }

    private RecoEvaluator(RankingCounts ranking, long warmUp) {
        this.ranking = ranking;
        this.warmUp = warmUp;
    }

    /** One positive's rank ({@link Integer#MAX_VALUE}: unrankable, a miss). */
    void rank(int rank, boolean popularityFallback) {
        ranking.add(rank);
        if (popularityFallback) {
            fallbacks++;
        }
        if (rank == Integer.MAX_VALUE) {
            unranked++;
        }
    }

    /** One rating prediction; counted once the warm-up is over. */
    void rating(double predicted, double actual) {
        if (ratingsSeen++ < warmUp) {
            return;
        }
        double e = predicted - actual;
        squaredErrors += e * e;
        absoluteErrors += Math.abs(e);
        ratingsScored++;
    }

    public double hitRate() {
        return ranking.hitRate();
    }

    public double ndcg() {
        return ranking.ndcg();
    }

    public int k() {
        return ranking.k();
    }

    /** Positives ranked. */
    public long positives() {
        return ranking.queries();
    }

    public double rmse() {
        return ratingsScored == 0 ? Double.NaN : Math.sqrt(squaredErrors / ratingsScored);
    }

    public double mae() {
        return ratingsScored == 0 ? Double.NaN : absoluteErrors / ratingsScored;
    }

    /** Ratings counted in RMSE (after the warm-up). */
    public long ratingsScored() {
        return ratingsScored;
    }

    public long popularityFallbacks() {
        return fallbacks;
    }

    public long unranked() {
        return unranked;
    }

    void writeTo(StateWriter out) {
        ranking.writeTo(out);
        out.putLong(warmUp).putLong(ratingsSeen).putLong(ratingsScored).putDouble(squaredErrors)
                .putDouble(absoluteErrors).putLong(fallbacks).putLong(unranked);
    }

    static RecoEvaluator readFrom(StateReader in) {
        RecoEvaluator e = new RecoEvaluator(RankingCounts.readFrom(in), in.getLong("warm-up"));
        e.ratingsSeen = in.getLong("ratings seen");
        e.ratingsScored = in.getLong("ratings scored");
        e.squaredErrors = in.getDouble("squared errors");
        e.absoluteErrors = in.getDouble("absolute errors");
        e.fallbacks = in.getLong("fallbacks");
        e.unranked = in.getLong("unranked");
        return e;
    }
}
