package io.streamnet.nn.reco;

/**
 * Prequential session-based recommendation, one view at a time: for every view after the first of its session,
 * the next item is first ranked exactly among every item seen so far ({@link PessimisticRank}) by the model, the
 * GRU alone (when the model is the hybrid), most-popular and item-kNN, then every one of them learns the view.
 * An item never seen before cannot be ranked: a miss for all.
 *
 * <p>Item ids get rows of an {@link IdVocabulary} at first sight (no hashing, no expiry); the model's tables, the
 * popularity counts and the co-occurrence counts are all indexed by these rows. Nothing is allocated per view once
 * the arrays have grown to the catalogue.
 */
public final class SessionLearner {
    private final SessionLearnerSpec spec;
    private final IdVocabulary items;
    private final SessionItems sessions;
    private final SessionPopularity popularity = new SessionPopularity();
    private final SessionItemKnn knn;
    private final SessionGru model;
    private final SessionGru gruAlone;
    private final int[] recent;
    private final float[] scores;
    private final TopKCounts modelCounts;
    private final TopKCounts gruCounts;
    private final TopKCounts popCounts;
    private final TopKCounts knnCounts;
    private long views;

    public SessionLearner(SessionLearnerSpec spec) {
        this.spec = spec;
        this.items = new IdVocabulary(new VocabularySpec(spec.capacity(), 1, 0, 0, 0));
        this.sessions = new SessionItems(spec.length());
        this.knn = new SessionItemKnn(spec.knnDecay(), spec.model().knnScale());
        this.model = new SessionGru(spec.model());
        this.gruAlone = spec.model().hybrid() ? new SessionGru(spec.model().gruAlone()) : null;
        this.recent = new int[spec.length()];
        this.scores = new float[spec.capacity()];
        this.modelCounts = new TopKCounts(spec.topK());
        this.gruCounts = gruAlone != null ? new TopKCounts(spec.topK()) : modelCounts;
        this.popCounts = new TopKCounts(spec.topK());
        this.knnCounts = new TopKCounts(spec.topK());
    }

    /** One view: ranks it (unless it opens its session), then learns it. */
    public void process(long sessionId, long itemId, long timeMillis) {
        views++;
        int len = sessions.recent(sessionId, recent);
        if (len > 0) {
            int target = items.rowOf(itemId);
            int end = items.highWater();
            knn.score(recent, len);
            boolean known = target != IdVocabulary.SHARED_ROW;
            popCounts.add(known ? popularity.rank(target, end, spec.topK()) : PessimisticRank.UNRANKED);
            knnCounts.add(known ? knn.rank(target, popularity, end, spec.topK()) : PessimisticRank.UNRANKED);
            modelCounts.add(rank(model, target, end, len));
            if (gruAlone != null) {
                gruCounts.add(rank(gruAlone, target, end, len));
            }
        }
        int row = items.observe(itemId, timeMillis);
        if (row != IdVocabulary.SHARED_ROW) {
            popularity.increment(row);
            model.observe(row);
            if (gruAlone != null) {
                gruAlone.observe(row);
            }
            if (len > 0) {
                model.train(row);
                if (gruAlone != null) {
                    gruAlone.train(row);
                }
            }
            knn.observe(row, recent, len);
        }
        sessions.append(sessionId, row);
    }

    /** Encodes the session into {@code m} (also the start of its training step) and ranks the target. */
    private int rank(SessionGru m, int target, int end, int len) {
        m.encode(recent, len, knn);
        if (target == IdVocabulary.SHARED_ROW) {
            return PessimisticRank.UNRANKED;
        }
        m.scoreAll(end, scores);
        return PessimisticRank.of(scores, end, target, spec.topK());
    }

    public SessionLearnerSpec spec() {
        return spec;
    }

    /** The model the spec runs (the hybrid when it has a feature). */
    public TopKCounts model() {
        return modelCounts;
    }

    /** The GRU alone: the model itself when it has no kNN feature. */
    public TopKCounts gru() {
        return gruCounts;
    }

    public TopKCounts popularity() {
        return popCounts;
    }

    public TopKCounts itemKnn() {
        return knnCounts;
    }

    public SessionGru sessionModel() {
        return model;
    }

    public long views() {
        return views;
    }

    /** Distinct items seen (with a row). */
    public int items() {
        return items.size();
    }

    public int sessions() {
        return sessions.sessions();
    }
}
