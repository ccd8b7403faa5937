package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Most-popular and item-kNN on a hand-made stream whose ranks are worked out below. Items A=100, B=200, C=300,
 * D=400; sessions 1: A B C, 2: A B, 3: D A C (in that order).
 * <pre>
 * view      POP counts before     POP rank of target      kNN scores before (session items)              kNN rank
 * 1 B       A1                    unseen: miss            -                                               miss
 * 1 C       A1 B1                 unseen: miss            -                                               miss
 * 2 B       A2 B1 C1              2 (A; C ties: counted)  [A]: B = C = 1/sqrt(2*1)                        1 (C ties, same views)
 * 3 A       A2 B2 C1 D1           1 (B ties)              [D]: none; by views A2 B2                       1 (B)
 * 3 C       A3 B2 C1 D1           3 (A, B, D ties)        [D A]: B 2/sqrt(6), C = D = 1/sqrt(3), A .5/sqrt(3)  2 (B; D ties)
 * </pre>
 */
class SessionBaselinesTest {
    private static final long A = 100;
    private static final long B = 200;
    private static final long C = 300;
    private static final long D = 400;

    private static SessionLearner run(int k) {
        SessionGruSpec model = new SessionGruSpec(1, 64, 4, 10, 0.1, true, true, 100, true, RankingLoss.SAMPLED_SOFTMAX, 4,
                0.75, 4, true, 0.1);
        SessionLearner learner = new SessionLearner(new SessionLearnerSpec(k, 64, 10, 0.5, model));
        long[][] views = {{1, A}, {1, B}, {1, C}, {2, A}, {2, B}, {3, D}, {3, A}, {3, C}};
        for (int i = 0; i < views.length; i++) {
            learner.process(views[i][0], views[i][1], i);
        }
        return learner;
    }

    @Test
    void mostPopularRanksByViewsSoFarWithTiesAgainstTheTarget() {
        TopKCounts pop = run(20).popularity();
        assertEquals(5, pop.predictions());
        assertEquals(3, pop.hits());
        assertEquals((1.0 / 3 + 1.0 / 2 + 1.0 / 4) / 5, pop.mrr(), 1e-12);
        assertEquals(1, run(2).popularity().hits());
    }

    @Test
    void itemKnnRanksByRecencyWeightedCosineThenViews() {
        TopKCounts knn = run(20).itemKnn();
        assertEquals(5, knn.predictions());
        assertEquals(3, knn.hits());
        assertEquals((1.0 / 2 + 1.0 / 2 + 1.0 / 3) / 5, knn.mrr(), 1e-12);
        assertEquals(2, run(2).itemKnn().hits());
    }

    @Test
    void everyRankerMakesTheSamePredictions() {
        SessionLearner learner = run(20);
        assertEquals(8, learner.views());
        assertEquals(4, learner.items());
        assertEquals(3, learner.sessions());
        assertEquals(5, learner.model().predictions());
        assertEquals(5, learner.gru().predictions());
    }
}
