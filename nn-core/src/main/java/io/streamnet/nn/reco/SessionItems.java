package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * The last {@code length} item rows of every session seen so far, one ring of rows per session in one flat array.
 * Sessions are never closed (the stream gives no end of a session), so memory grows by {@code 4 * length + 8} bytes
 * and a hash-map entry (about 24 bytes) per session.
 */
final class SessionItems {
    private final int length;
    private final LongIntHashMap slotOf = new LongIntHashMap(1 << 12);
    private int[] rings;
    private long[] views;
    private int sessions;

    SessionItems(int length) {
        this.length = length;
        this.rings = new int[(1 << 12) * length];
        this.views = new long[1 << 12];
    }

    /** Copies the session's last rows, oldest first, into {@code out}; returns how many (0 for a new session). */
    int recent(long session, int[] out) {
        int slot = slotOf.get(session);
        if (slot == LongIntHashMap.MISSING) {
            return 0;
        }
        long seen = views[slot];
        int n = (int) Math.min(seen, length);
        int base = slot * length;
        for (int i = 0; i < n; i++) {
            out[i] = rings[base + (int) ((seen - n + i) % length)];
        }
        return n;
    }

    /** The session viewed the item at {@code row}. */
    void append(long session, int row) {
        int slot = slotOf.get(session);
        if (slot == LongIntHashMap.MISSING) {
            slot = sessions++;
            if (slot == views.length) {
                views = Arrays.copyOf(views, 2 * slot);
                rings = Arrays.copyOf(rings, 2 * slot * length);
            }
            slotOf.put(session, slot);
        }
        rings[slot * length + (int) (views[slot] % length)] = row;
        views[slot]++;
    }

    int sessions() {
        return sessions;
    }
}
