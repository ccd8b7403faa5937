package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * Session item-kNN: the items that co-occurred in past sessions with the current session's recent items.
 *
 * <p>{@code c(a, b)} counts the sessions in which a and b were both viewed (within a session's last {@code length}
 * views), {@code n(a)} the sessions that viewed a. An item j scores
 * {@code sum_k decay^k c(s_k, j) / sqrt(n(s_k) n(j))} over the session's distinct recent items, {@code s_0} the
 * latest: cosine similarity of session co-occurrence, the most recent items weighing most. Counts are learned from
 * the stream as it goes (including the current session's earlier views). Ranking breaks equal scores by popularity,
 * so that a session whose items have no neighbours yet gets the most-popular ranking.
 *
 * <p>The scores of the last {@link #score} are kept sparse (the rows touched), so clearing them and reading the
 * hybrid model's feature cost O(neighbours), not O(items).
 */
final class SessionItemKnn {
    private final double decay;
    private final double featureScale;
    private final ItemCooccurrence pairs = new ItemCooccurrence();
    private int[] sessionsOf = new int[1 << 12];
    private float[] scores = new float[1 << 12];
    private float[] features = new float[1 << 12];
    private int[] touched = new int[1 << 8];
    private int touchedCount;

    /** @param featureScale the hybrid's feature is {@code log(1 + featureScale * score)} */
    SessionItemKnn(double decay, double featureScale) {
        this.decay = decay;
        this.featureScale = featureScale;
    }

    /** Scores every item for a session whose recent rows are {@code recent[0, len)}, oldest first. */
    void score(int[] recent, int len) {
        clear();
        double weight = 1;
        for (int k = len - 1; k >= 0; k--) {
            int a = recent[k];
            if (a == IdVocabulary.SHARED_ROW || seenLater(recent, k, len)) {
                continue; // counted at its latest position
            }
            double na = sessionsOf[a];
            int[] others = pairs.others(a);
            int[] counts = pairs.counts(a);
            for (int i = 0, n = pairs.size(a); i < n; i++) {
                int j = others[i];
                float s = (float) (weight * counts[i] / Math.sqrt(na * sessionsOf[j]));
                if (scores[j] == 0f) {
                    touched[touchedCount++] = j;
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, 2 * touched.length);
                    }
                }
                scores[j] += s;
            }
            weight *= decay;
        }
        for (int i = 0; i < touchedCount; i++) {
            features[touched[i]] = (float) StrictMath.log1p(featureScale * scores[touched[i]]);
        }
    }

    private void clear() {
        for (int i = 0; i < touchedCount; i++) {
            scores[touched[i]] = 0f;
            features[touched[i]] = 0f;
        }
        touchedCount = 0;
    }

    /** Whether {@code recent[k]} is viewed again later in the window. */
    private static boolean seenLater(int[] recent, int k, int len) {
        for (int i = k + 1; i < len; i++) {
            if (recent[i] == recent[k]) {
                return true;
            }
        }
        return false;
    }

    /** The session whose recent rows were {@code recent[0, len)} viewed {@code row}: counts its new pairs. */
    void observe(int row, int[] recent, int len) {
        if (row == IdVocabulary.SHARED_ROW) {
            return;
        }
        ensureRows(row + 1);
        for (int k = 0; k < len; k++) {
            if (recent[k] == row) {
                return; // already in this session: no new pair, not a new session of the item
            }
        }
        sessionsOf[row]++;
        for (int k = 0; k < len; k++) {
            int a = recent[k];
            if (a != IdVocabulary.SHARED_ROW && !seenLater(recent, k, len)) {
                pairs.add(a, row);
            }
        }
    }

    private void ensureRows(int end) {
        if (end > scores.length) {
            int n = Math.max(end, 2 * scores.length);
            sessionsOf = Arrays.copyOf(sessionsOf, n);
            scores = Arrays.copyOf(scores, n);
            features = Arrays.copyOf(features, n);
        }
    }

    /** Pessimistic rank of {@code target} among rows {@code [1, end)}, equal scores broken by popularity. */
    int rank(int target, SessionPopularity popularity, int end, int limit) {
        ensureRows(end);
        popularity.ensureRows(end);
        return PessimisticRank.of(scores, popularity.counts(), end, target, limit);
    }

    /** The hybrid's feature of the last {@link #score}: {@code log(1 + featureScale * score)} by row (0 for untouched rows). */
    float feature(int row) {
        return row < features.length ? features[row] : 0f;
    }

    /** Rows with a non-zero score in the last {@link #score}: {@code touchedRows()[0, touchedCount())}. */
    int[] touchedRows() {
        return touched;
    }

    int touchedCount() {
        return touchedCount;
    }
}
