package io.streamnet.nn.reco;

/**
 * The 0-based rank of a held-out item among the item rows {@code [1, end)} (every item seen so far), ties counted
 * against it: every other item scoring at least as high goes before it. Pessimistic, so that a ranker that cannot
 * tell items apart (equal scores) gets no credit for it. Counting stops at {@code limit} (HR@K and MRR@K only need
 * to know that a rank is at least K).
 */
final class PessimisticRank {
    /** The rank of an item that has no row (never seen before): a miss at any K. */
    static final int UNRANKED = Integer.MAX_VALUE;

    private PessimisticRank() {}

    /** By {@code scores[row]}. */
    static int of(float[] scores, int end, int target, int limit) {
        float t = scores[target];
        int rank = 0;
        for (int row = 1; row < end; row++) {
            if (row != target && scores[row] >= t && ++rank >= limit) {
                return limit;
            }
        }
        return rank;
    }

    /** By {@code counts[row]}. */
    static int of(int[] counts, int end, int target, int limit) {
        int t = counts[target];
        int rank = 0;
        for (int row = 1; row < end; row++) {
            if (row != target && counts[row] >= t && ++rank >= limit) {
                return limit;
            }
        }
        return rank;
    }

    /** By {@code scores[row]}, ties broken by {@code secondary[row]} (still pessimistic when both tie). */
    static int of(float[] scores, int[] secondary, int end, int target, int limit) {
        float t = scores[target];
        int t2 = secondary[target];
        int rank = 0;
        for (int row = 1; row < end; row++) {
            float s = scores[row];
            if (row != target && (s > t || (s == t && secondary[row] >= t2)) && ++rank >= limit) {
                return limit;
            }
        }
        return rank;
    }
}
