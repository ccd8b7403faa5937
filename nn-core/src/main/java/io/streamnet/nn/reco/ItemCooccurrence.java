package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * Symmetric co-occurrence counts between items (dense item indexes), stored as one growable row per item of
 * (other item, count) pairs, with one hash map from the pair to its place in the row: adding is O(1), and reading a
 * row is a scan of two int arrays (what the kNN baseline does for every positive).
 */
final class ItemCooccurrence {
    private static final int[] EMPTY = new int[0];
    private int[][] others = new int[0][];
    private int[][] counts = new int[0][];
    private int[] sizes = new int[0];
    private final LongIntHashMap position = new LongIntHashMap(1 << 16);

    /** Counts one more co-occurrence of {@code a} with {@code b}, in both rows. */
    void add(int a, int b) {
        increment(a, b);
        increment(b, a);
    }

    private void increment(int row, int other) {
        ensureRow(row);
        long key = ((long) row << 32) | other;
        int at = position.get(key);
        if (at != LongIntHashMap.MISSING) {
            counts[row][at]++;
            return;
        }
        at = sizes[row]++;
        if (at == others[row].length) {
            others[row] = Arrays.copyOf(others[row], Math.max(4, at * 2));
            counts[row] = Arrays.copyOf(counts[row], Math.max(4, at * 2));
        }
        others[row][at] = other;
        counts[row][at] = 1;
        position.put(key, at);
    }

    private void ensureRow(int row) {
        if (row >= sizes.length) {
            int n = Math.max(row + 1, sizes.length * 2);
            others = Arrays.copyOf(others, n);
            counts = Arrays.copyOf(counts, n);
            sizes = Arrays.copyOf(sizes, n);
            for (int i = 0; i < n; i++) {
                if (others[i] == null) {
                    others[i] = new int[0];
                    counts[i] = new int[0];
                }
            }
        }
    }

    /** Items co-occurring with {@code row}: entries {@code [0, size(row))} of {@link #others} and {@link #counts}. */
    int size(int row) {
        return row < sizes.length ? sizes[row] : 0;
    }

    int[] others(int row) {
        return row < sizes.length ? others[row] : EMPTY;
    }

    int[] counts(int row) {
        return row < sizes.length ? counts[row] : EMPTY;
    }
}
