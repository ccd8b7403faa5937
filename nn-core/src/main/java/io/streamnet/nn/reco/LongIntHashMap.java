package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * A map from long keys to non-negative int values, open addressing with linear probing and backward-shift deletion,
 * so that lookups, inserts and removals allocate nothing (a {@code HashMap<Long, Integer>} boxes on every call of the
 * per-event paths). It grows by doubling when more than half full; with {@code maxSize} given up front it never
 * grows. {@link #NO_KEY} ({@code Long.MIN_VALUE}) marks empty slots and cannot be a key.
 *
 * <p>Iteration order depends on the insertion history, so nothing that is encoded may depend on it: callers keep
 * their own order (insertion or recency) beside the map.
 */
final class LongIntHashMap {
    static final long NO_KEY = Long.MIN_VALUE;
    /** What {@link #get} returns for a missing key. */
    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    /** @param expected entries expected without growing (the table holds twice as many slots) */
    LongIntHashMap(int expected) {
        allocate(Math.max(4, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) << 1));
    }

    private void allocate(int slots) {
        keys = new long[slots];
        Arrays.fill(keys, NO_KEY);
        values = new int[slots];
        mask = slots - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == NO_KEY) {
                return MISSING;
            }
        }
    }

    boolean containsKey(long key) {
        return get(key) != MISSING;
    }

    /** Sets the value ({@code >= 0}) of {@code key}, adding it if absent. */
    void put(long key, int value) {
        if (key == NO_KEY) {
            throw new IllegalArgumentException("key " + NO_KEY + " is reserved");
        }
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, got " + value);
        }
        int i = slot(key);
        for (; keys[i] != NO_KEY; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes {@code key} if present; returns whether it was. */
    boolean remove(long key) {
        int i = slot(key);
        for (; keys[i] != key; i = (i + 1) & mask) {
            if (keys[i] == NO_KEY) {
                return false;
            }
        }
        // Backward shift: move later entries of the probe run into the hole, so that no tombstones are needed.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != NO_KEY; j = (j + 1) & mask) {
            // The entry at j may fill the hole if its home slot is not cyclically inside (hole, j].
            if (((j - slot(keys[j])) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = NO_KEY;
        size--;
        return true;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(keys, NO_KEY);
            size = 0;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != NO_KEY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private int slot(long key) {
        // MurmurHash3's 64-bit finalizer: consecutive ids (the common case) spread over the table.
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
