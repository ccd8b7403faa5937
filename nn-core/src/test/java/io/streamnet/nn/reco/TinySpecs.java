package io.streamnet.nn.reco;

import io.streamnet.nn.spec.SpecNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Small recommender specs for tests: a YAML {@code model:} section with a few settings replaced. */
final class TinySpecs {
    private TinySpecs() {}

    /**
     * A model with 32 item rows, 16 user rows, history 4, 5 negatives, dim 6; {@code tower} and {@code loss} are YAML
     * flow maps, e.g. {@code "{context_table: separate, dense: tanh}"}.
     */
    static RecommenderSpec spec(String tower, String loss, double initStd) {
        return parse("""
                seed: 11
                dim: 6
                init_std: %s
                items: {capacity: 32, min_count: 1, max_idle_events: 0}
                users: {capacity: 16, min_count: 1, max_idle_events: 0}
                history: {length: 4, items: all, max_interacted: 100}
                tower: %s
                negatives: {count: 5, exponent: 0.75, max_tries: 4}
                loss: %s
                optimizer: {type: adagrad, lr: 0.1}
                rating_head:
                  seed: 5
                  inputs: [{name: user, type: ids, vocab: 16}, {name: item, type: ids, vocab: 32}]
                  layers:
                    - {type: embedding, name: rating_user, input: user, dim: 4, init: {type: normal, std: 0.3}}
                    - {type: embedding, name: rating_item, input: item, dim: 4, init: {type: normal, std: 0.3}}
                    - {type: concat, name: rating_both, inputs: [rating_user, rating_item]}
                    - {type: dense, name: rating_h1, units: 8, activation: tanh}
                    - {type: dense, name: rating_out, units: 1}
                  loss: mse
                  optimizer: {type: adagrad, lr: 0.05}
                """.formatted(initStd, tower, loss));
    }

    static RecommenderSpec parse(String yaml) {
        return RecommenderSpec.fromYaml(yaml, "test model");
    }

    /** A {@code model:} YAML section as a spec node, for tests of the reader. */
    static SpecNode node(String yaml) {
        try {
            return SpecNode.of(new YAMLMapper().readTree(yaml), "model");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
}
