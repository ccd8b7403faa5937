package io.streamnet.nn.reco;

import java.util.Arrays;

/** The most-popular baseline: views of each item row so far; every session gets the same ranking. */
final class SessionPopularity {
    private int[] counts = new int[1 << 12];

    void increment(int row) {
        if (row >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(row + 1, 2 * counts.length));
        }
        counts[row]++;
    }

    /** Views by row; rows never viewed may be past the end (read through {@link #count}) or 0. */
    int[] counts() {
        return counts;
    }

    int count(int row) {
        return row < counts.length ? counts[row] : 0;
    }

    /** Makes {@link #counts()} hold every row below {@code end}. */
    void ensureRows(int end) {
        if (end > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(end, 2 * counts.length));
        }
    }

    /** Pessimistic rank of {@code target} among rows {@code [1, end)} by views. */
    int rank(int target, int end, int limit) {
        ensureRows(end);
        return PessimisticRank.of(counts, end, target, limit);
    }
}
