package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoLearnerTest {
    private static RecoLearner learner(int topK) {
        return new RecoLearner(new RecoLearnerSpec(TinySpecs.spec(RecommenderTest.TOWER, RecommenderTest.LOSS, 0.1),
                1024, topK, 0));
    }

    @Test
    void badEventsAreRefusedNamingTheFieldBeforeAnythingChanges() {
        RecoLearner l = learner(5);
        StreamFixture.batches(1, 5, 16, 4, 20).forEach(l::step);
        byte[] before = l.encode();
        InteractionEvent good = InteractionEvent.rated(1, 2, 4f, 0);
        Object[][] cases = {
            {InteractionEvent.rated(-1, 2, 4f, 0), "userId"},
            {InteractionEvent.rated(1, -2, 4f, 0), "itemId"},
            {InteractionEvent.rated(1, 2, 7f, 0), "rating"},
            {InteractionEvent.rated(1, 2, 0f, 0), "rating"},
            {InteractionEvent.rated(1, 2, Float.POSITIVE_INFINITY, 0), "rating"},
            {new InteractionEvent(1, 2, Float.NaN, null, 0), "rating/clicked"},
        };
        for (Object[] c : cases) {
            InvalidEventException e = assertThrows(InvalidEventException.class,
                    () -> l.step(List.of(good, (InteractionEvent) c[0])));
            assertEquals(c[1], e.field());
            assertEquals(1, e.index());
            assertTrue(e.getMessage().startsWith("event 1: " + c[1]), e.getMessage());
        }
        assertArrayEquals(before, l.encode());
    }

    @Test
    void clicksArePositivesAndIgnoredImpressionsAreNot() {
        assertTrue(InteractionEvent.clicked(1, 2, true, 0).isPositive(4f));
        assertFalse(InteractionEvent.clicked(1, 2, false, 0).isPositive(4f));
        assertFalse(new InteractionEvent(1, 2, 3f, true, 0).isPositive(4f)); // the explicit rating decides
        RecoLearner l = learner(5);
        l.step(List.of(InteractionEvent.clicked(1, 2, true, 0), InteractionEvent.clicked(1, 3, false, 0),
                InteractionEvent.clicked(2, 2, true, 0)));
        assertEquals(2, l.evaluator().positives());
        assertEquals(2.0, l.metrics().get(RecoLearner.POSITIVES_METRIC), "HR@K's denominator, among the figures");
        assertEquals(0, l.evaluator().ratingsScored());
        assertTrue(l.histories().get(1).hasInteracted(3));
    }

    @Test
    void eventsThatAreNotPositivesTrainOnlyTheRatingHeadAndTheExclusionSet() {
        RecoLearner l = learner(5);
        StreamFixture.batches(2, 10, 16, 4, 20).forEach(l::step);
        Recommender m = l.model();
        List<float[]> ranking = new ArrayList<>();
        for (Parameter p : m.rankingParameters()) {
            ranking.add(p.value().clone());
        }
        float[] head = m.parameters().get(m.rankingParameters().size()).value().clone();
        List<InteractionEvent> dislikes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            dislikes.add(InteractionEvent.rated(10_000 + i % 4, 70_000 + i, 1.5f, 1L << 40));
        }
        l.step(dislikes);
        for (int p = 0; p < ranking.size(); p++) {
            Parameter param = m.rankingParameters().get(p);
            assertArrayEquals(ranking.get(p), param.value(), param.name());
        }
        assertFalse(Arrays.equals(head, m.parameters().get(m.rankingParameters().size()).value()));
        assertTrue(l.histories().get(10_003).hasInteracted(70_015));
    }

    /**
     * The batched ranking equals ranking each positive on its own with the model before the batch and the user's
     * history just before the event (earlier events of the batch included).
     */
    @Test
    void batchRanksEqualEventByEventRanksWithTheHistoryAsOfEachEvent() {
        RecoLearner l = learner(1000);
        List<List<InteractionEvent>> stream = StreamFixture.batches(5, 30, 24, 3, 40);
        stream.subList(0, 20).forEach(l::step);
        for (List<InteractionEvent> batch : stream.subList(20, 30)) {
            RecoLearner reference = RecoLearner.decode(l.encode());
            RankingCounts expected = new RankingCounts(1000);
            for (InteractionEvent e : batch) {
                UserHistory h = reference.histories().getOrCreate(e.userId());
                if (e.isPositive(4f)) {
                    expected.add(reference.model().rankOf(h, e.userId(), e.itemId()));
                }
                h.record(e.itemId(), e.isPositive(4f));
            }
            double hitsBefore = l.evaluator().hitRate() * l.evaluator().positives();
            double ndcgBefore = l.evaluator().ndcg() * l.evaluator().positives();
            l.step(batch);
            assertEquals(expected.hits(), Math.round(l.evaluator().hitRate() * l.evaluator().positives() - hitsBefore));
            assertEquals(expected.ndcg() * expected.queries(),
                    l.evaluator().ndcg() * l.evaluator().positives() - ndcgBefore, 1e-9);
        }
    }
}
