package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * One user's interactions as the recommender needs them: the last {@code length} items (with whether each was a
 * positive), the user tower's input; and the set of items the user has interacted with (any feedback), which
 * rankings and negative samples exclude. The set keeps at most {@code max_interacted} items, forgetting the oldest
 * first, so that one heavy user cannot grow without bound.
 *
 * <p>A value class the Flink scorer keeps in keyed state and the learner keeps for every user:
 * {@link #encode()} / {@link #decode(byte[])} round-trip it exactly. {@link #record} allocates nothing once the
 * user's arrays have grown to their size (they double, up to {@code max_interacted}).
 */
public final class UserHistory {
    static final byte[] MAGIC = {'S', 'N', 'U', 'H'};
    static final int VERSION = 1;

    private final HistorySpec spec;
    private final long[] recent;
    private final boolean[] recentPositive;
    /** Index of the oldest recent item in the ring, and how many there are. */
    private int recentStart;
    private int recentCount;
    /** Interacted item -> its sequence number (the count of items added before it) modulo 2^31. */
    private final LongIntHashMap interacted;
    /** Items ever added to the interacted set. */
    private long added;
    /** The interacted items in the order they were first seen: a ring once it holds max_interacted items. */
    private long[] order;
    private int orderStart;
    private int orderCount;

    public UserHistory(HistorySpec spec) {
        this.spec = spec;
        this.recent = new long[spec.length()];
        this.recentPositive = new boolean[spec.length()];
        this.interacted = new LongIntHashMap(16);
        this.order = new long[Math.min(16, spec.maxInteracted())];
    }

    public HistorySpec spec() {
        return spec;
    }

    /** Forgets everything (for reuse by another user). */
    public void clear() {
        recentStart = 0;
        recentCount = 0;
        interacted.clear();
        added = 0;
        orderStart = 0;
        orderCount = 0;
    }

    /** Appends one interaction: to the recent items (unless only positives are kept and it is not one) and the set. */
    public void record(long itemId, boolean positive) {
        if (itemId == LongIntHashMap.NO_KEY) {
            throw new IllegalArgumentException("item id " + itemId + " is reserved");
        }
        if (positive || !spec.positivesOnly()) {
            int at;
            if (recentCount < recent.length) {
                at = (recentStart + recentCount++) % recent.length;
            } else {
                at = recentStart;
                recentStart = (recentStart + 1) % recent.length;
            }
            recent[at] = itemId;
            recentPositive[at] = positive;
        }
        if (interacted.containsKey(itemId)) {
            return;
        }
        if (orderCount == spec.maxInteracted()) {
            interacted.remove(order[orderStart]);
            order[orderStart] = itemId;
            orderStart = (orderStart + 1) % order.length;
        } else {
            if (orderCount == order.length) {
                order = Arrays.copyOf(order, Math.min(spec.maxInteracted(), order.length * 2));
            }
            order[orderCount++] = itemId; // orderStart stays 0 until the ring is full
        }
        interacted.put(itemId, sequence(added++));
    }

    private static int sequence(long n) {
        return (int) (n & Integer.MAX_VALUE);
    }

    /** Recent items kept, at most {@code length}. */
    public int recentCount() {
        return recentCount;
    }

    /** The {@code k}-th most recent item ({@code k = 0}: the last one). */
    public long recentItem(int k) {
        return recent[ringIndex(k)];
    }

    /** Whether the {@code k}-th most recent item was a positive interaction. */
    public boolean recentPositive(int k) {
        return recentPositive[ringIndex(k)];
    }

    private int ringIndex(int k) {
        if (k < 0 || k >= recentCount) {
            throw new IndexOutOfBoundsException("recent item " + k + " of " + recentCount);
        }
        return (recentStart + recentCount - 1 - k) % recent.length;
    }

    /** Copies the recent items, most recent first, into {@code out[off, off + recentCount())}; returns the count. */
    public int copyRecent(long[] out, int off) {
        return copyRecentLimited(out, off, recentCount);
    }

    /** Copies at most {@code max} recent items, most recent first, to {@code out} from {@code off}; the count. */
    int copyRecentLimited(long[] out, int off, int max) {
        int n = Math.min(max, recentCount);
        for (int k = 0; k < n; k++) {
            out[off + k] = recent[(recentStart + recentCount - 1 - k) % recent.length];
        }
        return n;
    }

    public boolean hasInteracted(long itemId) {
        return interacted.containsKey(itemId);
    }

    /**
     * How many items have ever entered the interacted set: a position in the user's interaction sequence, for
     * {@link #interactedBefore}.
     */
    public long added() {
        return added;
    }

    /**
     * Whether {@code itemId} is in the set and entered it before the set had received {@code addedEnd} items: the
     * exclusion set as it was at an earlier moment of the same batch (items added since are not in it).
     */
    public boolean interactedBefore(long itemId, long addedEnd) {
        int seq = interacted.get(itemId);
        if (seq == LongIntHashMap.MISSING) {
            return false;
        }
        // The set holds only the last max_interacted additions, so a member's distance back from addedEnd is in
        // [1, max_interacted] when it came before, and negative (a huge value modulo 2^31) when it came after.
        int back = (sequence(addedEnd) - seq) & Integer.MAX_VALUE;
        return back >= 1 && back <= spec.maxInteracted();
    }

    /** Items in the interacted set. */
    public int interactedCount() {
        return orderCount;
    }

    /** The {@code i}-th item of the set in first-interaction order ({@code i = 0}: the oldest remembered). */
    public long interactedItem(int i) {
        if (i < 0 || i >= orderCount) {
            throw new IndexOutOfBoundsException("interacted item " + i + " of " + orderCount);
        }
        return order[(orderStart + i) % order.length];
    }

    public boolean isEmpty() {
        return orderCount == 0;
    }

    /** Equal when the encodings are: same spec, same recent items in the same ring order, same interacted items. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UserHistory h && Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    /** The history, versioned and checksummed. */
    public byte[] encode() {
        return StateWriter.encode(MAGIC, VERSION, this::writeTo);
    }

    public static UserHistory decode(byte[] bytes) {
        StateReader in = StateReader.open(bytes, MAGIC, VERSION, "user history state");
        UserHistory h = readFrom(in, null);
        in.finish();
        return h;
    }

    void writeTo(StateWriter out) {
        out.putInt(spec.length()).putBoolean(spec.positivesOnly()).putInt(spec.maxInteracted());
        out.putInt(recentCount);
        for (int k = recentCount - 1; k >= 0; k--) {
            out.putLong(recentItem(k)).putBoolean(recentPositive(k));
        }
        out.putLong(added).putInt(orderCount);
        for (int i = 0; i < orderCount; i++) {
            out.putLong(interactedItem(i));
        }
    }

    /** Reads a history; into {@code reuse} (cleared first) when it has the same spec, else into a new one. */
    static UserHistory readFrom(StateReader in, UserHistory reuse) {
        HistorySpec spec;
        try {
            spec = new HistorySpec(in.getInt("history length"), in.getBoolean("history items"),
                    in.getInt("max_interacted"));
        } catch (IllegalArgumentException e) {
            throw in.invalid("history spec", e.getMessage());
        }
        UserHistory h = reuse != null && reuse.spec.equals(spec) ? reuse : new UserHistory(spec);
        h.clear();
        int recentCount = in.getInt("recent item count", 0, spec.length());
        for (int k = 0; k < recentCount; k++) {
            h.recent[k] = in.getLong("recent item");
            h.recentPositive[k] = in.getBoolean("recent item flag");
        }
        h.recentCount = recentCount;
        long added = in.getLong("items added");
        int count = in.getInt("interacted item count", 0, spec.maxInteracted());
        if (added < count) {
            throw in.invalid("items added", added + " is less than the " + count + " items in the set");
        }
        h.added = added;
        if (h.order.length < count) {
            h.order = new long[count];
        }
        for (int i = 0; i < count; i++) {
            long item = in.getLong("interacted item");
            if (item == LongIntHashMap.NO_KEY || h.interacted.containsKey(item)) {
                throw in.invalid("interacted items", "item " + item + " is reserved or listed twice");
            }
            h.order[i] = item;
            h.interacted.put(item, sequence(added - count + i));
        }
        h.orderCount = count;
        return h;
    }
}
