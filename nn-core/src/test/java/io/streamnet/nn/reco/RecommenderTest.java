package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecommenderTest {
    static final String TOWER = "{context_table: tied, user_embedding: true, recency: 0.7, position_weights: true}";
    static final String LOSS = "{type: sampled_softmax, logq: true}";

    static RecoLearner trained(RecommenderSpec spec, int batches) {
        RecoLearner learner = new RecoLearner(new RecoLearnerSpec(spec, 1024, 10, 0));
        for (List<InteractionEvent> b : StreamFixture.batches(3, batches, 16, 6, 30)) {
            learner.step(b);
        }
        return learner;
    }

    /** The tiny spec with adversarial negatives: 3 popularity draws per negative, the 5 hardest kept. */
    static RecommenderSpec hardNegatives() {
        String json = TinySpecs.spec(TOWER, LOSS, 0.1).toJson();
        String popularity = "\"negatives\":{\"count\":5,\"exponent\":0.75,\"max_tries\":4}";
        assertTrue(json.contains(popularity), json);
        return TinySpecs.parse(json.replace(popularity, "\"negatives\":{\"count\":5,\"exponent\":0.75,"
                + "\"max_tries\":4,\"hard_pool\":3,\"temperature\":0.5}"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sameSeedAndStreamGiveBitIdenticalWeights(boolean adversarial) {
        RecommenderSpec spec = adversarial ? hardNegatives() : TinySpecs.spec(TOWER, LOSS, 0.1);
        Recommender a = trained(spec, 40).model();
        Recommender b = trained(spec, 40).model();
        for (int p = 0; p < a.parameters().size(); p++) {
            Parameter param = a.parameters().get(p);
            assertArrayEquals(param.value(), b.parameters().get(p).value(), param.name());
        }
        assertArrayEquals(a.encode(), b.encode());
        Recommender other = trained(TinySpecs.parse(spec.toJson().replace("\"seed\":11", "\"seed\":12")), 40).model();
        assertFalse(Arrays.equals(a.parameters().get(0).value(), other.parameters().get(0).value()));
    }

    @Test
    void parametersHaveStableUniqueNamesAndCoverTheRatingHead() {
        Recommender m = Recommender.build(TinySpecs.spec(TOWER, LOSS, 0.1));
        List<String> names = m.parameters().stream().map(Parameter::name).toList();
        assertEquals(new HashSet<>(names).size(), names.size());
        assertEquals(List.of("reco_item.embedding", "reco_item.bias", "reco_user.embedding", "reco_position.weight"),
                names.subList(0, 4));
        assertTrue(names.contains("rating_offset.mean") && names.contains("rating_user.table"), names.toString());
        assertEquals(List.of(m.items(), m.users()), m.vocabularies());
    }

    @Test
    void topKRanksEveryAdmittedItemByScoreAndExcludesWhatTheUserSaw() {
        RecoLearner learner = trained(TinySpecs.spec(TOWER, LOSS, 0.1), 30);
        Recommender m = learner.model();
        long user = 10_002;
        UserHistory h = learner.histories().get(user);
        long[] ids = new long[50];
        float[] scores = new float[50];
        int n = m.topK(h, user, 50, ids, scores);
        int admitted = m.items().size();
        assertEquals(admitted - countAdmittedInteracted(m, h), n);
        for (int i = 0; i < n; i++) {
            assertFalse(h.hasInteracted(ids[i]), "interacted item " + ids[i] + " recommended");
            if (i > 0) {
                assertTrue(scores[i] < scores[i - 1] || (scores[i] == scores[i - 1] && ids[i] > ids[i - 1]));
            }
        }
        // The same scores item by item, and the exact rank agrees with the list's order.
        float[] one = new float[n];
        m.scoreCandidates(h, user, ids, n, one);
        for (int i = 0; i < n; i++) {
            assertEquals(scores[i], one[i], Math.abs(scores[i]) * 1e-5f + 1e-6f);
            assertEquals(i, m.rankOf(h, user, ids[i]));
        }
        long[] top3 = new long[3];
        assertEquals(3, m.topK(h, user, 3, top3, new float[3]));
        assertArrayEquals(Arrays.copyOf(ids, 3), top3);
        long seen = h.interactedItem(0);
        float[] excluded = new float[1];
        m.scoreCandidates(h, user, new long[] {seen}, 1, excluded);
        assertEquals(Float.NEGATIVE_INFINITY, excluded[0]);
        assertEquals(Integer.MAX_VALUE, m.rankOf(h, user, seen));
        assertEquals(Integer.MAX_VALUE, m.rankOf(h, user, 123_456_789L)); // no row
    }

    private static int countAdmittedInteracted(Recommender m, UserHistory h) {
        int c = 0;
        for (int i = 0; i < h.interactedCount(); i++) {
            if (m.items().rowOf(h.interactedItem(i)) != IdVocabulary.SHARED_ROW) {
                c++;
            }
        }
        return c;
    }

    @Test
    void aUserWithoutHistoryOrRowGetsThePopularityRankingOfTheItemBias() {
        Recommender m = trained(TinySpecs.spec(TOWER, LOSS, 0.1), 30).model();
        long stranger = 999_999L;
        assertTrue(m.isPopularityFallback(null, stranger));
        assertTrue(m.isPopularityFallback(new UserHistory(m.spec().history()), stranger));
        assertFalse(m.isPopularityFallback(null, 10_001L)); // has a user row
        long[] ids = new long[5];
        assertEquals(5, m.topK(null, stranger, 5, ids, new float[5]));
        float[] bias = m.parameters().get(1).value();
        for (int i = 1; i < 5; i++) {
            assertTrue(bias[m.items().rowOf(ids[i])] <= bias[m.items().rowOf(ids[i - 1])]);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void negativesAreNeverItemsTheUserInteractedWith(boolean adversarial) {
        RecommenderSpec spec = adversarial ? hardNegatives() : TinySpecs.spec(TOWER, LOSS, 0.1);
        RecoLearner learner = trained(spec, 20);
        Recommender m = learner.model();
        TrainingBatch batch = new TrainingBatch(spec.history().length());
        int checked = 0;
        for (List<InteractionEvent> b : StreamFixture.batches(8, 30, 16, 6, 30)) {
            batch.clear();
            for (InteractionEvent e : b) {
                UserHistory h = learner.histories().getOrCreate(e.userId());
                batch.add(e, e.isPositive(4f), h);
                h.record(e.itemId(), e.isPositive(4f));
            }
            m.observeRows(batch);
            int examples = m.prepareRanking(batch);
            for (int e = 0; e < examples; e++) {
                int i = m.rankingTrainer().exampleEvent(e);
                assertTrue(batch.positive(i));
                for (int row : m.rankingTrainer().negativesOf(e)) {
                    assertFalse(batch.history(i).hasInteracted(m.items().idAt(row)), "negative " + row);
                    assertNotEquals(IdVocabulary.SHARED_ROW, row);
                    assertNotEquals(m.items().rowOf(batch.item(i)), row);
                    checked++;
                }
            }
        }
        // The users have seen most of the 30 items, so rejections were frequent: the check has teeth.
        assertTrue(checked > 300 && m.negativesRejected() > 1000, checked + " " + m.negativesRejected());
    }

    @Test
    void anExpiredItemsRowStartsAfreshForItsNextId() {
        RecommenderSpec spec = TinySpecs.parse(TinySpecs.spec(TOWER, LOSS, 0.1).toJson()
                .replace("\"items\":{\"capacity\":32,\"min_count\":1,\"max_idle_events\":0",
                        "\"items\":{\"capacity\":32,\"min_count\":1,\"max_idle_events\":40"));
        RecoLearner learner = trained(spec, 30);
        Recommender m = learner.model();
        assertTrue(m.items().expirations() > 0, "the stream must expire items");
        // A brand-new item takes a freed row: its weights are fresh draws, its bias 0, its slots reset.
        int row = m.items().observe(424_242L, Long.MAX_VALUE / 2);
        assertTrue(row > 0);
        assertEquals(0f, m.parameters().get(1).value()[row]);
        float[] slots = m.optimizer().slot(1, 0);
        assertEquals(0f, slots[row]);
    }

    @Test
    void aScoringCopyAndAScorerFedTheTrainersWeightsAndRowsRankIdentically() {
        RecoLearner learner = trained(TinySpecs.spec(TOWER, LOSS, 0.1), 30);
        Recommender trainer = learner.model();
        Recommender copy = trainer.scoringCopy();
        Recommender scorer = Recommender.forScoring(trainer.spec());
        for (int p = 0; p < trainer.parameters().size(); p++) {
            float[] v = trainer.parameters().get(p).value();
            System.arraycopy(v, 0, scorer.parameters().get(p).value(), 0, v.length);
        }
        for (int v = 0; v < trainer.vocabularies().size(); v++) {
            IdVocabulary from = trainer.vocabularies().get(v);
            for (int row = 1; row < from.capacity(); row++) {
                scorer.vocabularies().get(v).assign(row, from.idAt(row));
            }
        }
        assertFalse(copy.trainable());
        assertThrows(IllegalStateException.class, () -> copy.train(new TrainingBatch(4)));
        for (long user = 10_000; user < 10_006; user++) {
            UserHistory h = learner.histories().get(user);
            long[] a = new long[10];
            long[] b = new long[10];
            long[] c = new long[10];
            float[] sa = new float[10];
            float[] sb = new float[10];
            float[] sc = new float[10];
            assertEquals(trainer.topK(h, user, 10, a, sa), copy.topK(h, user, 10, b, sb));
            scorer.topK(h, user, 10, c, sc);
            assertArrayEquals(a, b);
            assertArrayEquals(a, c);
            assertArrayEquals(sa, sc);
            assertEquals(trainer.predictRating(h, user, 70_003), scorer.predictRating(h, user, 70_003));
        }
    }

    @Test
    void aStepWhoseLossIsNotFiniteIsRefusedAndChangesNoWeight() {
        RecommenderSpec spec = TinySpecs.spec(TOWER, LOSS, 0.1);
        RecoLearner learner = trained(spec, 10);
        Recommender m = learner.model();
        Parameter items = m.parameters().get(0);
        long item = 70_001;
        int row = m.items().rowOf(item);
        Arrays.fill(items.value(), row * spec.dim(), (row + 1) * spec.dim(), Float.MAX_VALUE);
        float[][] before = m.parameters().stream().map(p -> p.value().clone()).toArray(float[][]::new);
        long refused = m.refusedRankingSteps();
        TrainingBatch batch = new TrainingBatch(spec.history().length());
        UserHistory h = new UserHistory(spec.history());
        h.record(item, true); // the overflowing row is in the context of every example
        for (int i = 0; i < 4; i++) {
            batch.add(InteractionEvent.rated(10_000 + i, 70_010 + i, 5f, 1L << 40), true, h);
        }
        m.train(batch);
        assertEquals(refused + 1, m.refusedRankingSteps());
        for (int p = 0; p < 2; p++) {
            assertArrayEquals(before[p], m.parameters().get(p).value(), m.parameters().get(p).name());
        }
        Set<Float> finite = new HashSet<>();
        for (float v : m.parameters().get(1).value()) {
            finite.add(Float.isFinite(v) ? 0f : v);
        }
        assertEquals(Set.of(0f), finite);
    }
}
