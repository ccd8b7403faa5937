package io.streamnet.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    @Test
    void hitRateAndNdcgOfHandComputedRanks() {
        HitRate hr = new HitRate(10);
        Ndcg ndcg = new Ndcg(10);
        for (int rank : new int[] {0, 2, 10, 9}) {
            hr.update(rank);
            ndcg.update(rank);
        }
        assertEquals(0.75, hr.value(), 1e-12); // ranks 0, 2, 9 are in the top 10
        // 1/log2(2) + 1/log2(4) + 0 + 1/log2(11) = 1 + 0.5 + 0.2890648263
        assertEquals((1 + 0.5 + 0.2890648263) / 4, ndcg.value(), 1e-9);
        assertEquals("hr@10", hr.name());
        assertEquals("ndcg@10", ndcg.name());
    }

    @Test
    void rankCountsHigherScoresAndLowerIndexTiesSkippingExcluded() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.1f, 0.7f};
        assertEquals(3, Ranking.rankOf(scores, 5, 2, null)); // 0.9, 0.7, and the tie at index 0
        BitSet excluded = new BitSet();
        excluded.set(1);
        assertEquals(2, Ranking.rankOf(scores, 5, 2, excluded));
        assertEquals(0, Ranking.rankOf(scores, 5, 1, null));
        assertThrows(IllegalArgumentException.class, () -> Ranking.rankOf(scores, 5, 1, excluded));
        assertThrows(IllegalArgumentException.class, () -> Ranking.rankOf(scores, 5, 5, null));
    }
}
