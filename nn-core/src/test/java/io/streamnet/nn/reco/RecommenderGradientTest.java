package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every gradient the recommender computes itself: the dot-product scorer with the item
 * bias, each ranking loss with its negatives (and the logQ correction), and the user tower in each of its forms
 * (tied or separate context table, position weights, user rows, the dense layer). The rating head is an nn-core
 * network; its gradient is checked through the same objective the head trains on.
 */
class RecommenderGradientTest {
    /** A model that has seen a short stream (so rows exist and the sampler can draw), and a batch to check on. */
    private record Setup(Recommender model, TrainingBatch batch) {}

    private static Setup setup(RecommenderSpec spec) {
        Recommender model = Recommender.build(spec);
        UserHistories histories = new UserHistories(spec.history(), 1024);
        Rng rng = new Rng(9);
        TrainingBatch batch = new TrainingBatch(spec.history().length());
        for (int step = 0; step < 6; step++) {
            batch.clear();
            for (int i = 0; i < 8; i++) {
                long user = 100 + rng.nextInt(4);
                long item = 5000 + rng.nextInt(24);
                UserHistory h = histories.getOrCreate(user);
                boolean positive = rng.nextInt(4) != 0;
                batch.add(InteractionEvent.rated(user, item, positive ? 4.5f : 2f, step * 1000L), positive, h);
                h.record(item, positive);
            }
            if (step < 5) {
                model.train(batch);
            }
        }
        model.observeRows(batch);
        return new Setup(model, batch);
    }

    private static void checkRanking(RecommenderSpec spec) {
        Setup s = setup(spec);
        Recommender m = s.model();
        assertTrue(m.prepareRanking(s.batch()) > 2, "the batch must hold several ranking examples");
        m.rankingLossAndGradients(s.batch());
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : m.rankingParameters()) {
            analytic.add(GradientCheck.denseGradient(p));
        }
        Rng rng = new Rng(1);
        for (int i = 0; i < analytic.size(); i++) {
            Parameter p = m.rankingParameters().get(i);
            GradientCheck.Report r = GradientCheck.check(p.name(), p.value(), p.offset(), p.size(), analytic.get(i),
                    () -> m.rankingLossAndGradients(s.batch()), null, 60, rng);
            assertTrue(r.checked() > 0, p.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{type: sampled_softmax, logq: true}", "{type: sampled_softmax, logq: false}",
        "{type: bpr, logq: false}", "{type: bce, logq: true}"})
    void eachLossWithItsNegativesAndTheScorer(String loss) {
        checkRanking(TinySpecs.spec("{context_table: tied, user_embedding: true, recency: 0.7,"
                + " position_weights: true, dense: none}", loss, 0.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{context_table: separate, user_embedding: false, recency: 1.0, position_weights: false, dense: none}",
        "{context_table: separate, user_embedding: true, recency: 0.5, position_weights: true, dense: tanh}",
        "{context_table: tied, user_embedding: true, recency: 0.8, position_weights: true, dense: identity}",
        "{context_table: tied, user_embedding: false, recency: 0.7, position_weights: true, dense: none}"})
    void eachFormOfTheUserTower(String tower) {
        checkRanking(TinySpecs.spec(tower, "{type: sampled_softmax, logq: true}", 0.5));
    }

    @Test
    void ratingHead() {
        RecommenderSpec spec = TinySpecs.spec("{}", "{}", 0.5);
        Network net = Network.build(spec.ratingHead());
        Batch batch = net.newBatch();
        Rng rng = new Rng(4);
        batch.start(10);
        for (int b = 0; b < 10; b++) {
            batch.ids("user").set(b, 1 + rng.nextInt(15));
            batch.ids("item").set(b, 1 + rng.nextInt(31));
            batch.targets().set(b, (float) (rng.nextDouble() * 4 - 2)); // rating minus the running mean
        }
        net.computeGradients(batch);
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            analytic.add(GradientCheck.denseGradient(p));
        }
        for (int i = 0; i < analytic.size(); i++) {
            Parameter p = net.parameters().get(i);
            GradientCheck.check(p.name(), p.value(), p.offset(), p.size(), analytic.get(i), () -> net.computeGradients(batch),
                    null, 60, rng);
        }
    }
}
