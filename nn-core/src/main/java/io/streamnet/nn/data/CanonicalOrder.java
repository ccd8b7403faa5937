package io.streamnet.nn.data;

import io.streamnet.nn.feature.MurmurHash3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical stream order of text datasets, shared with the Python peers ({@code ../shared/peers/README.md}):
 * with seed {@code s}, record {@code i} (0-based, file order) is ranked by
 * {@code fmix32((i + s * 0x9E3779B9) mod 2^32)} as an unsigned 32-bit value, ascending. fmix32 is a bijection, so
 * there are no ties. The order of record {@code i} depends only on {@code i} and the seed, not on the dataset size.
 */
public final class CanonicalOrder {
    private static final int GOLDEN = 0x9E3779B9;

    private CanonicalOrder() {}

    /** The sort key of record {@code index} (compare as unsigned). */
    public static int key(int index, int seed) {
        return MurmurHash3.fmix32(index + seed * GOLDEN);
    }

    /** Indices {@code 0..n-1} in stream order: element {@code t} is the record streamed at position {@code t}. */
    public static int[] permutation(int n, int seed) {
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            // key in the high 32 bits with its sign bit flipped (so signed long order = unsigned key order),
            // index in the low 32: one primitive sort, no boxing
            packed[i] = ((long) (key(i, seed) ^ Integer.MIN_VALUE) << 32) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[n];
        for (int t = 0; t < n; t++) {
            order[t] = (int) packed[t];
        }
        return order;
    }

    /** The records of {@code fileOrder} in stream order. */
    public static <T> List<T> apply(List<T> fileOrder, int seed) {
        int[] order = permutation(fileOrder.size(), seed);
        List<T> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(fileOrder.get(i));
        }
        return out;
    }
}
