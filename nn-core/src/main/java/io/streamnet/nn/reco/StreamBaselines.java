package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * The project's own baselines, computed in the same pass over the same stream as the model and under the same
 * protocol, reproducing {@code ../shared/peers/reco_knn.py}: for each positive, first rank every item seen so far
 * that the user has not interacted with, then learn.
 * <ul>
 *   <li>POP: positives so far.</li>
 *   <li>RPOP: positives with exponential decay, half-life {@code halfLife} positives.</li>
 *   <li>IKNN: item co-occurrence between the user's last {@code historyLength} positives: for each such item j and
 *       candidate i, {@code co(j, i) / sqrt(pop(j) max(pop(i), 1))}, summed, plus {@code 1e-3 rpop(i) / max rpop}
 *       to break ties.</li>
 * </ul>
 * Ranks are exact with ties to the lower item id (the peer's order among tied items is numpy's). Given the dataset's
 * items up front (as the peer), every one of them competes from the start, scoring 0 until it has positives;
 * otherwise the items seen so far compete. Memory grows with the items and the co-occurrences: this is an evaluation
 * tool, not a streaming component.
 */
public final class StreamBaselines {
    private final int historyLength;
    private final double decay;
    private final LongIntHashMap indexOfItem = new LongIntHashMap(1 << 14);
    private long[] itemIds = new long[1 << 14];
    private double[] pop = new double[1 << 14];
    private double[] rpop = new double[1 << 14];
    /** The kNN's co-occurrence sums of the current positive, and which items they touch (to clear only those). */
    private double[] knn = new double[1 << 14];
    private int[] touched = new int[1 << 14];
    private int touchedCount;
    private double rpopMax = 1e-9;
    private final int k;
    private int items;
    private final ItemCooccurrence co = new ItemCooccurrence();
    private final LongIntHashMap indexOfUser = new LongIntHashMap(1 << 10);
    private UserState[] users = new UserState[1 << 10];
    private int userCount;
    private final RankingCounts popCounts;
    private final RankingCounts rpopCounts;
    private final RankingCounts knnCounts;

    /** One user's exclusion set (item indexes as keys) and last positives. */
    private static final class UserState {
        final LongIntHashMap interacted = new LongIntHashMap(16);
        final int[] recent;
        int recentCount;

        UserState(int length) {
            recent = new int[length];
        }
    }

    /**
     * @param k             K of HR@K and NDCG@K
     * @param historyLength positives per user the kNN reads (the peer's L)
     * @param halfLife      RPOP's half-life in positives (the peer's H)
     */
    public StreamBaselines(int k, int historyLength, double halfLife) {
        this(k, historyLength, halfLife, new long[0]);
    }

    /** @param catalogue every item id of the stream, known up front (the peer's protocol) */
    public StreamBaselines(int k, int historyLength, double halfLife, long[] catalogue) {
        if (historyLength < 1 || !(halfLife > 0)) {
            throw new IllegalArgumentException("history length must be >= 1 and half-life > 0");
        }
        this.k = k;
        this.historyLength = historyLength;
        this.decay = StrictMath.pow(0.5, 1 / halfLife);
        this.popCounts = new RankingCounts(k);
        this.rpopCounts = new RankingCounts(k);
        this.knnCounts = new RankingCounts(k);
        long[] sorted = catalogue.clone();
        java.util.Arrays.sort(sorted);
        for (long id : sorted) {
            indexOf(id);
        }
    }

    /** One event: a positive is ranked by each baseline, then every baseline learns from the event. */
    public void process(long userId, long itemId, boolean positive) {
        int item = indexOf(itemId);
        UserState user = userOf(userId);
        if (positive) {
            boolean repeat = user.interacted.containsKey(item);
            popCounts.add(repeat ? Integer.MAX_VALUE : rank(pop, false, item, user));
            rpopCounts.add(repeat ? Integer.MAX_VALUE : rank(rpop, false, item, user));
            if (!repeat) {
                sumCooccurrences(user);
            }
            knnCounts.add(repeat ? Integer.MAX_VALUE : rank(knn, true, item, user));
            learnPositive(item, user);
        }
        user.interacted.put(item, 0);
    }

    private void learnPositive(int item, UserState user) {
        pop[item] += 1;
        for (int i = 0; i < items; i++) {
            rpop[i] *= decay;
        }
        rpop[item] += 1;
        // Scaling by a positive constant keeps the order (IEEE multiplication is monotone), so the maximum scales.
        rpopMax = Math.max(rpopMax * decay, rpop[item]);
        int from = Math.max(0, user.recentCount - historyLength);
        for (int k = from; k < user.recentCount; k++) {
            co.add(user.recent[k % historyLength], item);
        }
        user.recent[user.recentCount++ % historyLength] = item;
    }

    /**
     * The kNN's co-occurrence sums for the user's last positives (oldest first, as the peer adds them) into
     * {@link #knn}; an item's full score adds {@code 1e-3 rpop / max rpop} ({@link #rank} does, item by item).
     */
    private void sumCooccurrences(UserState user) {
        for (int t = 0; t < touchedCount; t++) {
            knn[touched[t]] = 0.0;
        }
        touchedCount = 0;
        int from = Math.max(0, user.recentCount - historyLength);
        for (int r = from; r < user.recentCount; r++) {
            int j = user.recent[r % historyLength];
            int[] others = co.others(j);
            int[] counts = co.counts(j);
            for (int e = 0, n = co.size(j); e < n; e++) {
                int i = others[e];
                if (knn[i] == 0.0) {
                    touched[touchedCount++] = i;
                }
                knn[i] += counts[e] / Math.sqrt(pop[j] * Math.max(pop[i], 1));
            }
        }
    }

    /**
     * The 0-based rank of {@code target} among the items the user has not interacted with, by
     * {@code scores[i]}, plus the kNN's recency-popularity prior when {@code withPrior}, ties to the lower item id;
     * counting stops at K (HR@K and NDCG@K only need to know that a rank is at least K).
     */
    private int rank(double[] scores, boolean withPrior, int target, UserState user) {
        double t = score(scores, withPrior, target);
        long id = itemIds[target];
        int rank = 0;
        for (int i = 0; i < items; i++) {
            double s = score(scores, withPrior, i);
            if (i != target && (s > t || (s == t && itemIds[i] < id)) && !user.interacted.containsKey(i)
                    && ++rank >= k) {
                return k;
            }
        }
        return rank;
    }

    /** As the peer: {@code knn += 1e-3 * rpop / max}, i.e. {@code scores[i] + (1e-3 * rpop[i]) / max}. */
    private double score(double[] scores, boolean withPrior, int i) {
        return withPrior ? scores[i] + 1e-3 * rpop[i] / rpopMax : scores[i];
    }

    private int indexOf(long itemId) {
        int i = indexOfItem.get(itemId);
        if (i != LongIntHashMap.MISSING) {
            return i;
        }
        if (items == itemIds.length) {
            int n = items * 2;
            itemIds = Arrays.copyOf(itemIds, n);
            pop = Arrays.copyOf(pop, n);
            rpop = Arrays.copyOf(rpop, n);
            knn = Arrays.copyOf(knn, n);
            touched = Arrays.copyOf(touched, n);
        }
        itemIds[items] = itemId;
        indexOfItem.put(itemId, items);
        return items++;
    }

    private UserState userOf(long userId) {
        int u = indexOfUser.get(userId);
        if (u == LongIntHashMap.MISSING) {
            if (userCount == users.length) {
                users = Arrays.copyOf(users, userCount * 2);
            }
            u = userCount++;
            users[u] = new UserState(historyLength);
            indexOfUser.put(userId, u);
        }
        return users[u];
    }

    public RankingCounts pop() {
        return popCounts;
    }

    public RankingCounts recencyPop() {
        return rpopCounts;
    }

    public RankingCounts itemKnn() {
        return knnCounts;
    }
}
