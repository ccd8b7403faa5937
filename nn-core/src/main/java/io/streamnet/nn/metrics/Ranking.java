package io.streamnet.nn.metrics;

import java.util.BitSet;

/** The rank of a held-out item among candidate scores, for {@link HitRate} and {@link Ndcg}. */
public final class Ranking {
    private Ranking() {}

    /**
     * 0-based rank of {@code target} among the items {@code [0, n)} not in {@code excluded}: the number of such items
     * scoring higher, plus those scoring the same with a lower index (a deterministic tie-break; a model that gives
     * every item the same score thus ranks items by index, not all of them first).
     *
     * @param excluded items not to rank (e.g. already rated by the user); may be null; must not contain target
     */
    public static int rankOf(float[] scores, int n, int target, BitSet excluded) {
        if (target < 0 || target >= n) {
            throw new IllegalArgumentException("target item " + target + " outside [0, " + n + ")");
        }
        if (excluded != null && excluded.get(target)) {
            throw new IllegalArgumentException("target item " + target + " is excluded from the ranking");
        }
        float t = scores[target];
        if (Float.isNaN(t)) {
            throw new IllegalArgumentException("score of target item " + target + " is NaN");
        }
        int rank = 0;
        for (int j = 0; j < n; j++) {
            if (j == target || (excluded != null && excluded.get(j))) {
                continue;
            }
            float s = scores[j];
            if (s > t || (s == t && j < target)) {
                rank++;
            }
        }
        return rank;
    }
}
