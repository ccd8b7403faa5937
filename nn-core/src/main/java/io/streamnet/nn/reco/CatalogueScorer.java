package io.streamnet.nn.reco;

import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.tensor.Bfloat16Pairs;
import io.streamnet.nn.tensor.RowKernels;
import java.util.Arrays;

/**
 * The scoring half of the {@link Recommender}: the user vector of a history, the scores of the whole catalogue (one
 * matrix-vector product with the item table, plus the bias), the top K, candidate scores and exact ranks, with the
 * items the user has interacted with excluded. Reads the vocabularies without counting. Not thread-safe; no
 * allocation per call once its scratch has grown.
 *
 * <p>A scoring-only model's top K scans a bfloat16 copy of the item table ({@link Bfloat16TopK}: half the
 * bytes, and the scan is bound by memory bandwidth), then scores in float only the items whose approximate score is
 * within its error bound of the K best: the answer is the float scan's, item for item and score for score. The copy
 * is rebuilt after the model changes ({@link #modelChanged}), once the model has stayed unchanged from one call to
 * the next; until then, and for a trainable model, which changes at every step, the float table is scanned.
 */
final class CatalogueScorer {
    /** Scored rows come in multiples of it (see {@link #scoreRows}). */
    private static final int SCORE_STEP = 512;
    /** {@code -Dstreamnet.topk.bfloat16=false} scans the float table for every top K. */
    private static final boolean BFLOAT16_SCAN =
            Boolean.parseBoolean(System.getProperty("streamnet.topk.bfloat16", "true"));
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
    /** Null for a trainable model. */
    private final Bfloat16TopK bfloat16;
    private boolean lastTopKByBfloat16;

    CatalogueScorer(RecommenderSpec spec, IdVocabulary items, IdVocabulary users, Parameter itemEmbedding,
                    Parameter itemBias, UserTower tower, boolean trainable) {
        this.dim = spec.dim();
        this.items = items;
        this.users = users;
        this.itemEmbedding = itemEmbedding;
        this.itemBias = itemBias;
        this.tower = tower;
        this.contextIds = new long[spec.history().length()];
        this.contextRows = new int[spec.history().length()];
        this.u = new float[dim];
        // Whole blocks of the bfloat16 scan fit.
        int block = Bfloat16Pairs.BLOCK;
        this.scores = new float[(spec.items().capacity() + block - 1) / block * block];
        this.bfloat16 = trainable || !BFLOAT16_SCAN ? null : new Bfloat16TopK(dim, items, itemEmbedding, itemBias);
    }

    /** Whether the last {@link #topK} scanned the bfloat16 copy (for tests). */
    boolean lastTopKByBfloat16() {
        return lastTopKByBfloat16;
    }

    /** The weights or rows changed (a snapshot was applied): the bfloat16 copy is stale. */
    void modelChanged() {
        if (bfloat16 != null) {
            bfloat16.modelChanged();
        }
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
        lastTopKByBfloat16 = bfloat16 != null && bfloat16.ready() && bfloat16.scoreApproximately(u, scores);
        if (lastTopKByBfloat16) {
            excludeInteracted(history);
            int n = bfloat16.rescoreCandidates(scores, k);
            return rank(0, n, bfloat16.candidateRows(), bfloat16.candidateScores(), k, outItemIds, outScores);
        }
        int end = scoreAllRows();
        excludeInteracted(history);
        return rank(1, end, null, scores, k, outItemIds, outScores);
    }

    /**
     * The best {@code k} of the scored rows, best first, ties to the lower item id; NaN and free rows skipped.
     * Position c in [from, to) is row {@code rows[c]} ({@code c} itself when {@code rows} is null) with score
     * {@code rowScores[c]}.
     */
    private int rank(int from, int to, int[] rows, float[] rowScores, int k, long[] outItemIds, float[] outScores) {
        int found = 0;
        for (int c = from; c < to; c++) {
            int row = rows == null ? c : rows[c];
            float s = rowScores[c];
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
