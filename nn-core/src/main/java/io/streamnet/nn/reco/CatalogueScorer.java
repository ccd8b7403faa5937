package io.streamnet.nn.reco;

import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.tensor.RowKernels;
import java.util.Arrays;

/**
 * The scoring half of the {@link Recommender}: the user vector of a history, the scores of the whole catalogue (one
 * matrix-vector product with the item table, plus the bias), the top K, candidate scores and exact ranks, with the
 * items the user has interacted with excluded. Reads the vocabularies without counting. Not thread-safe; no
 * allocation per call.
 */
final class CatalogueScorer {
    /** Scored rows come in multiples of it (see {@link #scoreRows}). */
    private static final int SCORE_STEP = 512;
    private final RowKernels kernels = RowKernels.get();
    private final int dim;
    private final IdVocabulary items;
    private final IdVocabulary users;
    private final Parameter itemEmbedding;
    private final Parameter itemBias;
    private final UserTower tower;
    // Scratch, reused by every call.
    private final long[] contextIds;
    private final int[] contextRows;
    private final float[] u;
    private final float[] scores;

    CatalogueScorer(RecommenderSpec spec, IdVocabulary items, IdVocabulary users, Parameter itemEmbedding,
                    Parameter itemBias, UserTower tower) {
        this.dim = spec.dim();
        this.items = items;
        this.users = users;
        this.itemEmbedding = itemEmbedding;
        this.itemBias = itemBias;
        this.tower = tower;
        this.contextIds = new long[spec.history().length()];
        this.contextRows = new int[spec.history().length()];
        this.u = new float[dim];
        this.scores = new float[spec.items().capacity()];
    }

    /** Whether {@link #topK} answers with the popularity ranking: no history and no user row to go on. */
    boolean isPopularityFallback(UserHistory history, long userId) {
        boolean noHistory = history == null || history.recentCount() == 0;
        return noHistory && (tower.user() == null || users.rowOf(userId) == IdVocabulary.SHARED_ROW);
    }

    /** The user vector into {@code u}; zero for the popularity fallback (scores are then the item bias). */
    private void represent(UserHistory history, long userId) {
        userVector(history, userId, u, 0);
    }

    /** The user vector for the user's history into {@code out[off, off + dim)}; zero for the popularity fallback. */
    void userVector(UserHistory history, long userId, float[] out, int off) {
        if (isPopularityFallback(history, userId)) {
            Arrays.fill(out, off, off + dim, 0f);
            return;
        }
        int n = history == null ? 0 : history.copyRecentLimited(contextIds, 0, contextIds.length);
        for (int k = 0; k < n; k++) {
            contextRows[k] = items.rowOf(contextIds[k]);
        }
        tower.forward(contextRows, n, users.rowOf(userId), out, off);
    }

    /**
     * Scores of every item row for {@code m} user vectors ({@code users[p * dim ..]}): one matrix product with the
     * item table, then the bias. Row r of vector p lands in {@code out[p * stride + r]} for r in [0, stride), where
     * the returned stride covers every row in use; row 0 (the shared row) and free rows get scores too (callers skip
     * free rows; row 0 is the score of an item without a row).
     */
    int scoreRows(float[] users, int m, float[] out) {
        // The high-water mark rounded up: the product's shape then changes rarely, so the GEMM kernel's packing
        // buffers stop growing instead of growing with every few new items.
        int stride = Math.min(items.capacity(), (items.highWater() + SCORE_STEP - 1) / SCORE_STEP * SCORE_STEP);
        Gemm.sgemm(false, true, m, stride, dim, 1f, users, 0, dim, itemEmbedding.value(), 0, dim, 0f, out, 0, stride);
        for (int p = 0; p < m; p++) {
            kernels.add(itemBias.value(), 0, out, p * stride, stride);
        }
        return stride;
    }

    /** Width of a row of scores for {@link #scoreRows}: the item table's rows. */
    int scoreWidth() {
        return items.capacity();
    }

    /** Scores of every row in [0, highWater) into {@code scores} for the user vector {@code u}. */
    private int scoreAllRows() {
        return scoreRows(u, 1, scores);
    }

    /**
     * The top {@code k} items for the user among all items with a row, excluding those the user has interacted
     * with; best first, ties to the lower item id.
     *
     * @param history the user's history (null: none)
     * @return how many items were written ({@code min(k, candidates)})
     */
    int topK(UserHistory history, long userId, int k, long[] outItemIds, float[] outScores) {
        if (k < 1 || outItemIds.length < k || outScores.length < k) {
            throw new IllegalArgumentException("k must be >= 1 and fit the output arrays, got k=" + k);
        }
        represent(history, userId);
        int end = scoreAllRows();
        excludeInteracted(history);
        int found = 0;
        for (int row = 1; row < end; row++) {
            float s = scores[row];
            long id = items.idAt(row);
            if (id == IdVocabulary.FREE || Float.isNaN(s)) {
                continue;
            }
            if (found == k && !ExactRank.ranksBefore(s, id, outScores[k - 1], outItemIds[k - 1])) {
                continue;
            }
            int at = found < k ? found++ : k - 1;
            while (at > 0 && ExactRank.ranksBefore(s, id, outScores[at - 1], outItemIds[at - 1])) {
                outScores[at] = outScores[at - 1];
                outItemIds[at] = outItemIds[at - 1];
                at--;
            }
            outScores[at] = s;
            outItemIds[at] = id;
        }
        return found;
    }

    /** Marks the rows of the user's interacted items with NaN in {@code scores} (skipped by the ranking loops). */
    private void excludeInteracted(UserHistory history) {
        if (history == null) {
            return;
        }
        for (int i = 0, n = history.interactedCount(); i < n; i++) {
            int row = items.rowOf(history.interactedItem(i));
            if (row != IdVocabulary.SHARED_ROW) {
                scores[row] = Float.NaN;
            }
        }
    }

    /**
     * Scores of given items for the user: {@code -Infinity} for an item without a row or one the user has
     * interacted with (neither can be recommended).
     */
    void scoreCandidates(UserHistory history, long userId, long[] itemIds, int n, float[] outScores) {
        represent(history, userId);
        for (int i = 0; i < n; i++) {
            int row = items.rowOf(itemIds[i]);
            boolean excluded = row == IdVocabulary.SHARED_ROW || (history != null && history.hasInteracted(itemIds[i]));
            outScores[i] = excluded ? Float.NEGATIVE_INFINITY
                    : VectorMath.dot(u, 0, itemEmbedding.value(), row * dim, dim) + itemBias.value()[row];
        }
    }

    /**
     * The exact 0-based rank of {@code itemId} among all items with a row that the user has not interacted with (ties
     * to the lower item id), as {@link #topK} orders them, counted up to {@code limit}, among the catalogue's items
     * too if one is given ({@link ExactRank}); {@link Integer#MAX_VALUE} for an item the model cannot recommend.
     */
    int rankOf(UserHistory history, long userId, long itemId, int limit, long[] catalogue) {
        represent(history, userId);
        int end = scoreAllRows();
        return ExactRank.of(items, scores, 0, end, history, itemId, history == null ? 0 : history.added(), limit,
                catalogue);
    }
}
