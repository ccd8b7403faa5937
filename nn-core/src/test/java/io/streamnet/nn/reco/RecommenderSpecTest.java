package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.spec.SpecException;
import org.junit.jupiter.api.Test;

class RecommenderSpecTest {
    private static String defaultText() {
        return RecoRunnerSpec.defaults().text();
    }

    private static SpecException failure(String text) {
        return assertThrows(SpecException.class, () -> RecoRunnerSpec.parse(text, false, "spec.yaml"));
    }

    @Test
    void theDefaultSpecParsesAndSurvivesItsCanonicalJson() {
        RecoRunnerSpec runner = RecoRunnerSpec.defaults();
        RecommenderSpec spec = runner.learner().model();
        assertEquals(32, runner.batchSize());
        assertEquals(spec, RecommenderSpec.fromJson(spec.toJson()));
        assertEquals(spec.toJson(), RecommenderSpec.fromJson(spec.toJson()).toJson());
        assertEquals(spec.items().capacity(), spec.ratingHead().inputs().get(1).vocab());
        assertEquals(10, runner.learner().topK());
        RecommenderSpec tiny = TinySpecs.spec("{dense: tanh, context_table: separate}", "{type: bpr}", 0.2);
        assertEquals(tiny, RecommenderSpec.fromJson(tiny.toJson()));
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheKey() {
        String[][] cases = {
            {"    capacity: 32768 ", "    capacityy: 32768 ", "model.items", "unknown key 'capacityy'"},
            {"  dim: 128 ", "  dim: 0 ", "model.dim", "between 1 and"},
            {"{type: sampled_softmax, logq: true}", "{type: hinge, logq: true}", "model.loss.type", "must be one of"},
            {"    recency: 0.7 ", "    recency: 1.5 ", "model.tower.recency", "between"},
            {"    dense: none ", "    dense: sigmoid ", "model.tower.dense", "must be one of"},
            {"  optimizer: {type: adagrad, lr: 0.1}", "  optimizer: {type: adagrad, lr: 0.1, beta1: 0.9}",
                "model.optimizer.beta1", "is not a setting of adagrad"},
            {"    loss: mse", "    loss: bce_with_logits", "model.rating_head.loss", "must be mse"},
            {"  top_k: 10 ", "  top_k: 0 ", "learner.top_k", "between 1"},
            {"  half_life: 2000 ", "  half_life: x ", "baselines.half_life", "must be a number"},
        };
        for (String[] c : cases) {
            assertTrue(defaultText().contains(c[0]), "the default spec holds '" + c[0] + "'");
            SpecException e = failure(defaultText().replace(c[0], c[1]));
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains(c[3]), c[1] + ": " + e.getMessage());
        }
    }

    @Test
    void theRatingHeadMustReadUserAndItemRowsOfTheVocabulariesSizes() {
        SpecException e = failure(defaultText().replace("vocab: 8192}", "vocab: 100}"));
        assertTrue(e.getMessage().contains("users.capacity") && e.getMessage().contains("100"), e.getMessage());
        SpecException f = failure(defaultText().replace("{name: user, type: ids", "{name: person, type: ids")
                .replace("input: user,", "input: person,"));
        assertTrue(f.getMessage().contains("model.rating_head.inputs") && f.getMessage().contains("name: user"),
                f.getMessage());
        SpecException g = failure(defaultText().replace("name: rating_user,", "name: reco_item,")
                .replace("[rating_user, rating_item]", "[reco_item, rating_item]"));
        assertTrue(g.getMessage().contains("model.rating_head.layers[0]") && g.getMessage().contains("'reco_'"),
                g.getMessage());
    }

    @Test
    void admissionAboveOneSightingNeedsRoomForCandidates() {
        SpecException e = failure(defaultText().replaceFirst("min_count: 1 ", "min_count: 2 ")
                .replaceFirst("    max_idle_ms: 0 ", "    max_idle_ms: 0\n    max_candidates: 0 "));
        assertTrue(e.getMessage().contains("model.items.max_candidates"), e.getMessage());
    }
}
