package io.streamnet.nn.reco;

/**
 * Every user's {@link UserHistory}, as the learner keeps them: at most {@code maxUsers} users; when a new user
 * arrives and all are taken, the least recently active user's history is forgotten (its object is reused), so
 * memory is bounded on a stream with unbounded user ids. Deterministic: recency depends only on the stream.
 */
public final class UserHistories {
    private final HistorySpec spec;
    private final RecencyIndex users;
    private final UserHistory[] histories;
    private long evictions;

    public UserHistories(HistorySpec spec, int maxUsers) {
        if (maxUsers < 1) {
            throw new IllegalArgumentException("max_users must be >= 1, got " + maxUsers);
        }
        this.spec = spec;
        this.users = new RecencyIndex(maxUsers);
        this.histories = new UserHistory[maxUsers];
    }

    /** The user's history, or null if none is kept; touches nothing. */
    public UserHistory get(long userId) {
        int slot = users.slotOf(userId);
        return slot == RecencyIndex.NONE ? null : histories[slot];
    }

    /** The user's history, created empty if none is kept; marks the user as the most recently active. */
    public UserHistory getOrCreate(long userId) {
        if (userId == LongIntHashMap.NO_KEY) {
            throw new IllegalArgumentException("user id " + userId + " is reserved");
        }
        int slot = users.slotOf(userId);
        if (slot != RecencyIndex.NONE) {
            users.touch(slot);
            return histories[slot];
        }
        slot = users.add(userId);
        if (slot == RecencyIndex.NONE) {
            users.remove(users.oldest());
            evictions++;
            slot = users.add(userId);
        }
        if (histories[slot] == null) {
            histories[slot] = new UserHistory(spec);
        } else {
            histories[slot].clear();
        }
        return histories[slot];
    }

    public int size() {
        return users.size();
    }

    /** Users forgotten to make room so far. */
    public long evictions() {
        return evictions;
    }

    void writeTo(StateWriter out) {
        out.putLong(evictions);
        users.writeTo(out);
        for (int s = users.oldest(); s != RecencyIndex.NONE; s = users.newerThan(s)) {
            histories[s].writeTo(out);
        }
    }

    void readFrom(StateReader in) {
        if (users.size() != 0) {
            throw new IllegalStateException("restore into histories in use");
        }
        evictions = in.getLong("history evictions");
        users.readFrom(in, "users");
        for (int s = users.oldest(); s != RecencyIndex.NONE; s = users.newerThan(s)) {
            UserHistory h = UserHistory.readFrom(in, histories[s]);
            if (!h.spec().equals(spec)) {
                throw in.invalid("user history", "spec " + h.spec() + " differs from the learner's " + spec);
            }
            histories[s] = h;
        }
    }
}
