package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The baselines against a direct transcription of {@code ../shared/peers/reco_knn.py} (dense score arrays, every item
 * scored, exclusion by setting scores to minus infinity), with ties to the lower item id as the baselines break them;
 * among the items seen so far, and among a catalogue known up front.
 */
class StreamBaselinesTest {
    private static final int K = 10;

    /** reco_knn.py, item by item. */
    private static final class Reference {
        final int historyLength;
        final double decay;
        final List<Long> ids = new ArrayList<>();
        final Map<Long, Integer> index = new HashMap<>();
        final List<Double> pop = new ArrayList<>();
        final List<Double> rpop = new ArrayList<>();
        final Map<Integer, Map<Integer, Integer>> co = new HashMap<>();
        final Map<Long, Set<Integer>> seen = new HashMap<>();
        final Map<Long, List<Integer>> hist = new HashMap<>();
        final RankingCounts popCounts = new RankingCounts(K);
        final RankingCounts rpopCounts = new RankingCounts(K);
        final RankingCounts knnCounts = new RankingCounts(K);

        Reference(int historyLength, double halfLife, long[] catalogue) {
            this.historyLength = historyLength;
            this.decay = StrictMath.pow(0.5, 1 / halfLife);
            for (long id : catalogue) {
                indexOf(id);
            }
        }

        int indexOf(long item) {
            return index.computeIfAbsent(item, i -> {
                ids.add(i);
                pop.add(0.0);
                rpop.add(0.0);
                return ids.size() - 1;
            });
        }

        void process(long user, long item, boolean positive) {
            int ik = indexOf(item);
            Set<Integer> s = seen.computeIfAbsent(user, u -> new HashSet<>());
            List<Integer> h = hist.computeIfAbsent(user, u -> new ArrayList<>());
            if (positive) {
                int n = ids.size();
                double[] knn = new double[n];
                List<Integer> last = h.subList(Math.max(0, h.size() - historyLength), h.size());
                for (int j : last) {
                    for (Map.Entry<Integer, Integer> e : co.getOrDefault(j, Map.of()).entrySet()) {
                        knn[e.getKey()] += e.getValue() / Math.sqrt(pop.get(j) * Math.max(pop.get(e.getKey()), 1));
                    }
                }
                double max = 1e-9;
                for (double r : rpop) {
                    max = Math.max(max, r);
                }
                double[] p = new double[n];
                double[] r = new double[n];
                for (int i = 0; i < n; i++) {
                    knn[i] += 1e-3 * rpop.get(i) / max;
                    p[i] = pop.get(i);
                    r[i] = rpop.get(i);
                }
                popCounts.add(rank(p, s, ik));
                rpopCounts.add(rank(r, s, ik));
                knnCounts.add(rank(knn, s, ik));
                pop.set(ik, pop.get(ik) + 1);
                for (int i = 0; i < n; i++) {
                    rpop.set(i, rpop.get(i) * decay);
                }
                rpop.set(ik, rpop.get(ik) + 1);
                for (int j : last) {
                    co.computeIfAbsent(j, x -> new HashMap<>()).merge(ik, 1, Integer::sum);
                    co.computeIfAbsent(ik, x -> new HashMap<>()).merge(j, 1, Integer::sum);
                }
                h.add(ik);
            }
            s.add(ik);
        }

        int rank(double[] scores, Set<Integer> excluded, int target) {
            for (int i : excluded) {
                scores[i] = Double.NEGATIVE_INFINITY;
            }
            if (excluded.contains(target)) {
                return Integer.MAX_VALUE;
            }
            int rank = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean before = scores[i] > scores[target]
                        || (scores[i] == scores[target] && ids.get(i) < ids.get(target));
                if (i != target && !excluded.contains(i) && before) {
                    rank++;
                }
            }
            return rank;
        }
    }

    @Test
    void popRecencyPopAndItemKnnMatchTheTranscribedPeer() {
        compare(new long[0]);
    }

    /** With the items known up front, as the peer: every item competes from the start. */
    @Test
    void withTheCatalogueUpFront() {
        long[] catalogue = new long[150];
        for (int i = 0; i < catalogue.length; i++) {
            catalogue[i] = 70_000 + (i * 7L) % 150; // not in id order: the baselines sort it
        }
        compare(catalogue);
    }

    private static void compare(long[] catalogue) {
        StreamBaselines baselines = new StreamBaselines(K, 5, 30, catalogue);
        long[] sorted = catalogue.clone();
        java.util.Arrays.sort(sorted);
        Reference reference = new Reference(5, 30, sorted);
        for (List<InteractionEvent> batch : StreamFixture.batches(17, 200, 20, 30, 150)) {
            for (InteractionEvent e : batch) {
                baselines.process(e.userId(), e.itemId(), e.isPositive(4f));
                reference.process(e.userId(), e.itemId(), e.isPositive(4f));
            }
        }
        assertEquals(reference.popCounts.queries(), baselines.pop().queries());
        assertTrue(reference.knnCounts.hits() > 20, "the stream must give the kNN hits to compare: "
                + reference.knnCounts.hits() + " of " + reference.knnCounts.queries());
        assertEquals(reference.popCounts.hits(), baselines.pop().hits());
        assertEquals(reference.popCounts.ndcg(), baselines.pop().ndcg(), 1e-12);
        assertEquals(reference.rpopCounts.hits(), baselines.recencyPop().hits());
        assertEquals(reference.rpopCounts.ndcg(), baselines.recencyPop().ndcg(), 1e-12);
        assertEquals(reference.knnCounts.hits(), baselines.itemKnn().hits());
        assertEquals(reference.knnCounts.ndcg(), baselines.itemKnn().ndcg(), 1e-12);
    }
}
