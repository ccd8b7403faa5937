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
 * Ranks are exact with ties to the lower item id (the peer's order among tied items is numpy's). The peer ranks all
 * items of the dataset, known up front; items not seen yet score 0 there, so they only matter while fewer than K
 * items beat the positive, at the very start of the stream. Memory grows with the items and the co-occurrences: this
 * is an evaluation tool, not a streaming component.
 */
public final class StreamBaselines {
    private final int historyLength;
    private final double decay;
    private final LongIntHashMap indexOfItem = new LongIntHashMap(1 << 14);
    private long[] itemIds = new long[1 << 14];
    private double[] pop = new double[1 << 14];
    private double[] rpop = new double[1 << 14];
    private double[] knn = new double[1 << 14];
    private int items;
    private final ItemCooccurrence co = new ItemCooccurrence();
    private final LongIntHashMap indexOfUser = new LongIntHashMap(1 << 10);
    private UserState[] users = new UserState[1 << 10];
    private int userCount;
    private final RankingCounts popCounts;
    private final RankingCounts rpopCounts;
    private final RankingCounts knnCounts;

    /** One user's exclusion set and last positives, as item indexes. */
    private static final class UserState {
        final LongIntHashMap interacted = new LongIntHashMap(16);
        int[] interactedList = new int[16];
        int interactedCount;
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
        if (historyLength < 1 || !(halfLife > 0)) {
            throw new IllegalArgumentException("history length must be >= 1 and half-life > 0");
        }
        this.historyLength = historyLength;
        this.decay = StrictMath.pow(0.5, 1 / halfLife);
        this.popCounts = new RankingCounts(k);
        this.rpopCounts = new RankingCounts(k);
        this.knnCounts = new RankingCounts(k);
    }

    /** One event: a positive is ranked by each baseline, then every baseline learns from the event. */
    public void process(long userId, long itemId, boolean positive) {
        int item = indexOf(itemId);
        UserState user = userOf(userId);
        if (positive) {
            boolean repeat = user.interacted.containsKey(item);
            popCounts.add(repeat ? Integer.MAX_VALUE : rank(pop, item, user));
            rpopCounts.add(repeat ? Integer.MAX_VALUE : rank(rpop, item, user));
            if (!repeat) {
                scoreKnn(user);
            }
            knnCounts.add(repeat ? Integer.MAX_VALUE : rank(knn, item, user));
            learnPositive(item, user);
        }
        if (!user.interacted.containsKey(item)) {
            user.interacted.put(item, 0);
            if (user.interactedCount == user.interactedList.length) {
                user.interactedList = Arrays.copyOf(user.interactedList, user.interactedCount * 2);
            }
            user.interactedList[user.interactedCount++] = item;
        }
    }

    private void learnPositive(int item, UserState user) {
        pop[item] += 1;
        for (int i = 0; i < items; i++) {
            rpop[i] *= decay;
        }
        rpop[item] += 1;
        int from = Math.max(0, user.recentCount - historyLength);
        for (int k = from; k < user.recentCount; k++) {
            co.add(user.recent[k % historyLength], item);
        }
        user.recent[user.recentCount++ % historyLength] = item;
    }

    /** The kNN scores of every item for the user's last positives (oldest first, as the peer adds them). */
    private void scoreKnn(UserState user) {
        Arrays.fill(knn, 0, items, 0.0);
        int from = Math.max(0, user.recentCount - historyLength);
        for (int k = from; k < user.recentCount; k++) {
            int j = user.recent[k % historyLength];
            if (co.size(j) == 0) {
                continue;
            }
            int[] others = co.others(j);
            int[] counts = co.counts(j);
            for (int e = 0, n = co.size(j); e < n; e++) {
                int i = others[e];
                knn[i] += counts[e] / Math.sqrt(pop[j] * Math.max(pop[i], 1));
            }
        }
        double max = 1e-9;
        for (int i = 0; i < items; i++) {
            max = Math.max(max, rpop[i]);
        }
        for (int i = 0; i < items; i++) {
            knn[i] += 1e-3 * rpop[i] / max;
        }
    }

    /** Exact 0-based rank of {@code target} among the items the user has not interacted with. */
    private int rank(double[] scores, int target, UserState user) {
        double t = scores[target];
        long id = itemIds[target];
        int rank = 0;
        for (int i = 0; i < items; i++) {
            if (i != target && (scores[i] > t || (scores[i] == t && itemIds[i] < id))) {
                rank++;
            }
        }
        for (int e = 0; e < user.interactedCount; e++) {
            int i = user.interactedList[e];
            if (scores[i] > t || (scores[i] == t && itemIds[i] < id)) {
                rank--;
            }
        }
        return rank;
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
