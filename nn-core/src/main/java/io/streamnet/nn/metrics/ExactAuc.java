package io.streamnet.nn.metrics;

import java.util.Arrays;

/**
 * Exact ROC AUC by sorting: the Mann-Whitney statistic, i.e. the probability that a random positive scores above a
 * random negative, ties counting one half. {@code O(n log n)}, one {@code long[n]} of scratch.
 */
public final class ExactAuc {
    private ExactAuc() {}

    /**
     * AUC of {@code scores[0, n)} against {@code labels[0, n)} (0 or 1); NaN when one class is absent.
     * Scores must not be NaN.
     */
    public static double compute(float[] scores, byte[] labels, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(scores[i], labels[i]);
        }
        return fromSortedKeys(keys, n);
    }

    /** Sort key: the score's order-preserving int in the high half, the label in bit 0. */
    static long key(float score, int label) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("AUC score is NaN");
        }
        Checks.label(label);
        return ((long) sortableBits(score) << 1) | label;
    }

    /** Sorts {@code keys[0, n)} in place and evaluates the AUC. */
    static double fromSortedKeys(long[] keys, int n) {
        Arrays.sort(keys, 0, n);
        long negativesBelow = 0;
        long positives = 0;
        double pairs = 0;
        int i = 0;
        while (i < n) {
            long score = keys[i] >> 1;
            long groupPos = 0;
            long groupNeg = 0;
            while (i < n && keys[i] >> 1 == score) {
                if ((keys[i] & 1) == 1) {
                    groupPos++;
                } else {
                    groupNeg++;
                }
                i++;
            }
            pairs += groupPos * (negativesBelow + 0.5 * groupNeg);
            negativesBelow += groupNeg;
            positives += groupPos;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return pairs / ((double) positives * negativesBelow);
    }

    /** Maps a float to an int with the same order (-0.0 and 0.0 become equal). */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
