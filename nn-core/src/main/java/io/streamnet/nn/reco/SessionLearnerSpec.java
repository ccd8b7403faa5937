package io.streamnet.nn.reco;

import io.streamnet.nn.spec.SpecNode;

/**
 * What {@link SessionLearner} runs: the ranking cut-off, the item rows, the session window, the kNN baseline's
 * recency decay, and the model.
 *
 * @param topK      K of HR@K and MRR@K
 * @param capacity  item rows, the shared row 0 included
 * @param length    last views of a session that the model and the kNN baseline read
 * @param knnDecay  weight of the k-th most recent session item in the kNN score is {@code knnDecay^k}
 * @param model     the sequence model (with the kNN feature: the hybrid; the GRU alone then runs beside it)
 */
public record SessionLearnerSpec(int topK, int capacity, int length, double knnDecay, SessionGruSpec model) {
    /** Reads the top level of a runner spec: {@code top_k}, {@code items}, {@code session_length}, {@code model}, {@code baselines}. */
    public static SessionLearnerSpec read(SpecNode top, long seed) {
        int topK = top.integer("top_k", 20, 1, 1 << 16);
        SpecNode items = top.child("items");
        int capacity = items.integer("capacity", 65536, 2, 1 << 26);
        items.finish();
        int length = top.integer("session_length", 10, 1, 1 << 10);
        SessionGruSpec model = SessionGruSpec.read(top.child("model"), seed, capacity, length);
        SpecNode baselines = top.child("baselines");
        SpecNode knn = baselines.child("item_knn");
        double decay = knn.real("decay", 0.8, 0, 1);
        knn.finish();
        baselines.finish();
        return new SessionLearnerSpec(topK, capacity, length, decay, model);
    }
}
