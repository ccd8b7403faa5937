package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ExactRank against brute force: every competing item scored, excluded ones dropped, sorted by (score, id). */
class ExactRankTest {
    @Test
    void equalsBruteForceWithAndWithoutACatalogueAtEveryLimit() {
        Rng rng = new Rng(12);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            IdVocabulary items = new IdVocabulary(new VocabularySpec(64, 1, 0, 0, 0));
            long[] catalogue = new long[80];
            for (int i = 0; i < catalogue.length; i++) {
                catalogue[i] = 1000 + 3L * i;
            }
            for (int i = 0; i < 40; i++) {
                items.observe(catalogue[rng.nextInt(catalogue.length)], 0);
            }
            // Few distinct scores, so that ties (and ties with the shared row) are common.
            float[] scores = new float[items.capacity() + 5];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = rng.nextInt(6);
            }
            int off = 5;
            System.arraycopy(scores, 0, scores, off, items.capacity());
            UserHistory history = new UserHistory(new HistorySpec(4, false, 1000));
            for (int i = 0; i < 15; i++) {
                history.record(catalogue[rng.nextInt(catalogue.length)], true);
            }
            long addedEnd = history.added() - rng.nextInt(4); // the set as it was a few events ago
            long target = catalogue[rng.nextInt(catalogue.length)];
            for (long[] cat : new long[][] {null, catalogue}) {
                int expected = bruteForce(items, scores, off, history, target, addedEnd, cat);
                for (int limit : new int[] {Integer.MAX_VALUE, 10, 3}) {
                    int actual = ExactRank.of(items, scores, off, items.highWater(), history, target, addedEnd, limit,
                            cat);
                    int want = expected == Integer.MAX_VALUE ? expected : Math.min(expected, limit);
                    assertEquals(want, actual, "trial " + trial + " limit " + limit + " catalogue " + (cat != null));
                    checked++;
                }
            }
        }
        assertTrue(checked == 1800);
    }

    private static int bruteForce(IdVocabulary items, float[] scores, int off, UserHistory h, long target,
                                  long addedEnd, long[] catalogue) {
        if (h.interactedBefore(target, addedEnd)) {
            return Integer.MAX_VALUE;
        }
        int targetRow = items.rowOf(target);
        if (targetRow == 0 && catalogue == null) {
            return Integer.MAX_VALUE;
        }
        // The competing ids: every id with a row, and the catalogue's.
        long[] ids = catalogue != null ? catalogue.clone() : new long[0];
        for (int r = 1; r < items.capacity(); r++) {
            long id = items.idAt(r);
            if (id != IdVocabulary.FREE && Arrays.binarySearch(ids, id) < 0) {
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = id;
                Arrays.sort(ids);
            }
        }
        float t = scores[off + targetRow];
        int rank = 0;
        for (long id : ids) {
            float s = scores[off + items.rowOf(id)];
            if (id != target && !h.interactedBefore(id, addedEnd) && (s > t || (s == t && id < target))) {
                rank++;
            }
        }
        return rank;
    }
}
