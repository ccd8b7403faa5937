package io.streamnet.nn.reco;

import io.streamnet.nn.spec.SpecNode;

/**
 * The learner's settings beside the model: the spec section {@code learner:}.
 *
 * @param model      the recommender
 * @param maxUsers   users whose histories are kept (least recently active forgotten first)
 * @param topK       K of HR@K and NDCG@K
 * @param rmseWarmUp ratings predicted but not counted in RMSE at the start of the stream
 */
public record RecoLearnerSpec(RecommenderSpec model, int maxUsers, int topK, long rmseWarmUp) {
    public static final int MIN_USERS = 1024;

    public RecoLearnerSpec {
        if (maxUsers < MIN_USERS) {
            // Room for far more users than a batch holds (RecoLearner.step refuses a batch larger than max_users).
            throw new IllegalArgumentException("max_users must be >= " + MIN_USERS + ", got " + maxUsers);
        }
        if (topK < 1 || rmseWarmUp < 0) {
            throw new IllegalArgumentException("top_k must be >= 1 and rmse_warm_up >= 0");
        }
    }

    /** Reads the {@code learner:} section for {@code model}. */
    public static RecoLearnerSpec read(SpecNode n, RecommenderSpec model) {
        RecoLearnerSpec spec = new RecoLearnerSpec(model, n.integer("max_users", 1 << 20, MIN_USERS, 1 << 28),
                n.integer("top_k", 10, 1, 1 << 16), n.longInteger("rmse_warm_up", 1000, 0, Long.MAX_VALUE));
        n.finish();
        return spec;
    }
}
