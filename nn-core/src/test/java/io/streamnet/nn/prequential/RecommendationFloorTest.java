package io.streamnet.nn.prequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.Dataset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default recommender's full prequential pass over MovieLens latest-small (which the repository carries, so this
 * runs everywhere), against floors a little below the figures measured in docs/RECOMMENDATION.md: the model must
 * stay above the item-kNN baseline in HR@10 and keep the rating RMSE of the rating-only runner. The run is
 * deterministic; the margin covers the GEMM kernel's summation order, which differs between machines. The baselines
 * must reproduce the peer script {@code ../shared/peers/reco_knn.py} on the same stream (POP, recency-POP, IKNN);
 * the tolerance covers the peer's arbitrary order among tied items.
 */
class RecommendationFloorTest {
    private static final double HR_FLOOR = 0.13;
    private static final double NDCG_FLOOR = 0.07;
    private static final double RMSE_CEILING = 0.90;
    private static final double PEER_TOLERANCE = 0.002;

    @Test
    void defaultSpecOnLatestSmall() {
        Map<String, String> m = new PrequentialRunner(ProgressReporter.silent())
                .run(Dataset.MOVIELENS, null, RecoRunnerSpec.defaults(), 0).asMap();
        assertEquals("100836", m.get("events"));
        assertEquals("48580", m.get("positives"));
        double hr = Double.parseDouble(m.get("hr_at_10"));
        double ndcg = Double.parseDouble(m.get("ndcg_at_10"));
        double rmse = Double.parseDouble(m.get("rmse"));
        assertTrue(hr >= HR_FLOOR, "HR@10 " + hr + " below the floor " + HR_FLOOR + ": " + m);
        assertTrue(ndcg >= NDCG_FLOOR, "NDCG@10 " + ndcg + " below the floor " + NDCG_FLOOR + ": " + m);
        assertTrue(rmse <= RMSE_CEILING, "RMSE " + rmse + " above " + RMSE_CEILING + ": " + m);
        assertPeer(m, "pop_hr_at_10", 0.0677);
        assertPeer(m, "pop_ndcg_at_10", 0.0343);
        assertPeer(m, "rpop_hr_at_10", 0.0814);
        assertPeer(m, "iknn_hr_at_10", 0.1059);
        assertPeer(m, "iknn_ndcg_at_10", 0.0542);
        assertTrue(hr > Double.parseDouble(m.get("iknn_hr_at_10")), "the model must beat item-kNN: " + m);
    }

    /** The figure {@code reco_knn.py} prints for {@code key} on latest-small. */
    private static void assertPeer(Map<String, String> m, String key, double peer) {
        double v = Double.parseDouble(m.get(key));
        assertEquals(peer, v, PEER_TOLERANCE, key + " differs from the peer's " + peer + ": " + m);
    }
}
