package io.streamnet.nn.feature;

import java.util.Arrays;

/**
 * A reusable, growable list of int ids: featurizers append into it so that the hot path allocates
 * nothing once the buffer has reached the largest example's size.
 */
public final class IdBuffer {
    private int[] ids;
    private int size;

    public IdBuffer() {
        this(256);
    }

    public IdBuffer(int initialCapacity) {
        ids = new int[Math.max(1, initialCapacity)];
    }

    public void clear() {
        size = 0;
    }

    public void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[size++] = id;
    }

    public int size() {
        return size;
    }

    public int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size + " ids");
        }
        return ids[i];
    }

    /** The backing array; only the first {@link #size()} entries are meaningful. */
    public int[] array() {
        return ids;
    }

    /** Keeps entries {@code [from, size)} only once each (sorting that range), for binary (presence) features. */
    public void sortAndDeduplicateFrom(int from) {
        if (size - from < 2) {
            return;
        }
        Arrays.sort(ids, from, size);
        int w = from + 1;
        for (int r = from + 1; r < size; r++) {
            if (ids[r] != ids[w - 1]) {
                ids[w++] = ids[r];
            }
        }
        size = w;
    }

    public int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
