package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * A bounded set of long ids, each holding one of {@code capacity} slots, kept in recency order (least recently
 * used first). It is what bounds memory in the recommender: id-to-row tables, admission candidates and users'
 * histories all live in fixed slots that are handed out, touched, and taken back in an order that depends only on
 * the stream, so that every choice (which slot a new id gets, which id is evicted) is deterministic.
 *
 * <p>Free slots form a stack: the lowest slots are handed out first, and a freed slot is the next one reused.
 * Everything is arrays: no allocation per operation.
 */
final class RecencyIndex {
    static final int NONE = -1;

    private final int capacity;
    private final LongIntHashMap slotOfId;
    private final long[] ids;
    private final int[] older;
    private final int[] newer;
    private final int[] freeStack;
    /** Position of each free slot in {@link #freeStack}, NONE for a slot in use. */
    private final int[] freePosition;
    private int freeCount;
    private int oldest = NONE;
    private int newest = NONE;

    RecencyIndex(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.slotOfId = new LongIntHashMap(capacity);
        this.ids = new long[capacity];
        Arrays.fill(ids, LongIntHashMap.NO_KEY);
        this.older = new int[capacity];
        this.newer = new int[capacity];
        this.freeStack = new int[capacity];
        this.freePosition = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeStack[i] = capacity - 1 - i; // top of the stack (the end) is slot 0
            freePosition[capacity - 1 - i] = i;
        }
        this.freeCount = capacity;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return capacity - freeCount;
    }

    /** The slot of {@code id}, or {@link #NONE}. */
    int slotOf(long id) {
        return slotOfId.get(id);
    }

    /** The id in {@code slot}, or {@link LongIntHashMap#NO_KEY} if the slot is free. */
    long idAt(int slot) {
        return ids[slot];
    }

    /** Gives {@code id} (not present) the next free slot, as the most recently used; NONE if all are taken. */
    int add(long id) {
        if (freeCount == 0) {
            return NONE;
        }
        int slot = freeStack[freeCount - 1];
        addAt(slot, id);
        return slot;
    }

    /** Gives {@code id} (not present) the free slot {@code slot}, as the most recently used. */
    void addAt(int slot, long id) {
        if (ids[slot] != LongIntHashMap.NO_KEY) {
            throw new IllegalStateException("slot " + slot + " is in use by id " + ids[slot]);
        }
        if (slotOfId.containsKey(id)) {
            throw new IllegalStateException("id " + id + " already holds slot " + slotOfId.get(id));
        }
        // Remove the slot from the free stack, moving the top entry into its place (the top itself when it is it).
        int pos = freePosition[slot];
        int top = freeStack[--freeCount];
        freeStack[pos] = top;
        freePosition[top] = pos;
        freePosition[slot] = NONE;
        ids[slot] = id;
        slotOfId.put(id, slot);
        linkNewest(slot);
    }

    /** Makes {@code slot} the most recently used. */
    void touch(int slot) {
        if (slot != newest) {
            unlink(slot);
            linkNewest(slot);
        }
    }

    /** Frees {@code slot} (in use); returns the id it held. */
    long remove(int slot) {
        long id = ids[slot];
        if (id == LongIntHashMap.NO_KEY) {
            throw new IllegalStateException("slot " + slot + " is free");
        }
        unlink(slot);
        slotOfId.remove(id);
        ids[slot] = LongIntHashMap.NO_KEY;
        freePosition[slot] = freeCount;
        freeStack[freeCount++] = slot;
        return id;
    }

    /** The least recently used slot, or NONE when empty. */
    int oldest() {
        return oldest;
    }

    /** The slot used next after {@code slot} in recency order, or NONE for the newest. */
    int newerThan(int slot) {
        return newer[slot];
    }

    private void unlink(int slot) {
        int o = older[slot];
        int n = newer[slot];
        if (o == NONE) {
            oldest = n;
        } else {
            newer[o] = n;
        }
        if (n == NONE) {
            newest = o;
        } else {
            older[n] = o;
        }
    }

    private void linkNewest(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest == NONE) {
            oldest = slot;
        } else {
            newer[newest] = slot;
        }
        newest = slot;
    }

    /** Slots in use from least to most recently used, then the free stack from bottom to top. */
    void writeTo(StateWriter out) {
        out.putInt(capacity).putInt(size());
        for (int s = oldest; s != NONE; s = newer[s]) {
            out.putInt(s).putLong(ids[s]);
        }
        out.putInts(freeStack, freeCount);
    }

    /** Restores what {@link #writeTo} wrote into this (empty) index of the same capacity. */
    void readFrom(StateReader in, String field) {
        if (size() != 0) {
            throw new IllegalStateException("restore into an index in use");
        }
        int cap = in.getInt(field + " capacity");
        if (cap != capacity) {
            throw in.invalid(field, "capacity " + cap + " in the state, " + capacity + " in the spec");
        }
        int used = in.getInt(field + " size", 0, capacity);
        for (int i = 0; i < used; i++) {
            int slot = in.getInt(field + " slot", 0, capacity - 1);
            long id = in.getLong(field + " id");
            if (id == LongIntHashMap.NO_KEY || ids[slot] != LongIntHashMap.NO_KEY || slotOfId.containsKey(id)) {
                throw in.invalid(field, "slot " + slot + " / id " + id + " listed twice or invalid");
            }
            addAt(slot, id);
        }
        // The free stack's order decides which slot the next id gets: restore it exactly.
        int[] stack = new int[freeCount];
        in.getInts(field + " free slots", stack, stack.length);
        java.util.BitSet listed = new java.util.BitSet(capacity);
        for (int i = 0; i < stack.length; i++) {
            int s = stack[i];
            if (s < 0 || s >= capacity || ids[s] != LongIntHashMap.NO_KEY || listed.get(s)) {
                throw in.invalid(field, "free slot " + s + " is out of range, in use or listed twice");
            }
            listed.set(s);
            freeStack[i] = s;
            freePosition[s] = i;
        }
    }
}
