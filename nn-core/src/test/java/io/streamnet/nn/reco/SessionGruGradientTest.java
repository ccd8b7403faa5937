package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of every gradient {@link SessionGru} computes: the dot-product scores with the item bias,
 * each ranking loss over the sampled negatives (with the logQ shift), the hybrid's weights of the GRU's score, of the
 * kNN feature and of the re-view positions, the GRU's parameters
 * and the item rows it reads (tied to the output table or a table of their own), including an item that is both
 * read by the GRU and scored.
 */
class SessionGruGradientTest {
    static SessionGruSpec spec(String loss, boolean tied, boolean knn) {
        return new SessionGruSpec(7, 16, 5, 4, 0.5, tied, knn, 100, knn, RankingLoss.bySpecName(loss), 6, 0.75, 4, true,
                0.1);
    }

    @ParameterizedTest
    @CsvSource({"sampled_softmax, true, true", "sampled_softmax, false, false", "bpr, true, true",
            "bce, false, true", "bpr, false, false"})
    void analyticGradientsMatchFiniteDifferences(String loss, boolean tied, boolean knnFeature) {
        SessionGru model = new SessionGru(spec(loss, tied, knnFeature));
        SessionItemKnn knn = new SessionItemKnn(0.5, 100);
        // Past sessions: rows 1..10 viewed, pairs among them, so that the sampler and the kNN feature have values.
        int[] past = {1, 2, 3, 1, 4, 5, 6, 2, 7, 8, 9, 10, 3, 4};
        for (int i = 0; i < past.length; i++) {
            model.observe(past[i]);
            knn.observe(past[i], past, i % 4 == 0 ? 0 : Math.min(i % 4, 3));
        }
        int[] session = {2, 3, 2, 5};
        knn.score(session, 4);
        model.encode(session, 4, knn);
        assertTrue(model.drawNegatives(3), "negatives drawn");
        for (Parameter p : model.parameters()) {
            if (p.name().equals("session.gru_scale")) {
                p.value()[0] = 0.7f; // it starts at 0, where the GRU's own gradients would all be 0
            }
        }
        model.lossAndGradients();
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            analytic.add(GradientCheck.denseGradient(p));
        }
        Rng rng = new Rng(3);
        for (int i = 0; i < analytic.size(); i++) {
            Parameter p = model.parameters().get(i);
            GradientCheck.Report r = GradientCheck.check(p.name(), p.value(), p.offset(), p.size(), analytic.get(i),
                    model::lossAndGradients, null, 80, rng);
            assertTrue(r.checked() > 0, p.name());
        }
    }
}
