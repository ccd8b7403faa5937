package io.streamnet.nn.spec;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON, YAML and the builder describe the same spec; invalid specs are rejected naming the key. */
class NetworkSpecTest {
    static final String JSON = """
            {
              "name": "tiny",
              "seed": 7,
              "inputs": [
                {"name": "user", "type": "ids", "vocab": 100},
                {"name": "item", "type": "ids", "vocab": 50},
                {"name": "words", "type": "sparse_ids", "vocab": "2^10"}
              ],
              "layers": [
                {"type": "embedding", "name": "u", "input": "user", "dim": 8, "init": {"type": "normal", "std": 0.05}},
                {"type": "embedding", "name": "i", "input": "item", "dim": 8},
                {"type": "embedding_bag", "name": "w", "input": "words", "dim": 4, "mode": "sum"},
                {"type": "concat", "name": "joined", "inputs": ["u", "i", "w"]},
                {"type": "dense", "name": "hidden", "units": 16, "activation": "leaky_relu", "slope": 0.2},
                {"type": "layer_norm", "name": "norm"},
                {"type": "dropout", "name": "drop", "rate": 0.1},
                {"type": "gelu", "name": "act"},
                {"type": "dense", "name": "out", "units": 1, "init": "xavier_normal"}
              ],
              "loss": "bce_with_logits",
              "optimizer": {"type": "adamw", "lr": 0.002, "weight_decay": 0.05, "clip_norm": 5,
                            "schedule": "inverse_sqrt", "timescale": 500, "warmup_steps": 100}
            }
            """;

    static final String YAML = """
            name: tiny
            seed: 7
            inputs:
              - {name: user, type: ids, vocab: 100}
              - {name: item, type: ids, vocab: 50}
              - {name: words, type: sparse_ids, vocab: 1024}
            layers:
              - {type: embedding, name: u, input: user, dim: 8, init: {type: normal, std: 5e-2}}
              - {type: embedding, name: i, input: item, dim: 8}
              - {type: embedding_bag, name: w, input: words, dim: 4, mode: sum}
              - type: concat
                name: joined
                inputs: [u, i, w]
              - {type: dense, name: hidden, units: 16, activation: leaky_relu, slope: 0.2}
              - {type: layer_norm, name: norm}
              - {type: dropout, name: drop, rate: 0.1}
              - {type: gelu, name: act}
              - {type: dense, name: out, units: 1, init: xavier_normal}
            loss: {type: bce_with_logits}
            optimizer:
              type: adamw
              lr: 2e-3
              weight_decay: 0.05
              clip_norm: 5
              schedule: inverse_sqrt
              timescale: 500
              warmup_steps: 100
            """;

    static NetworkSpec built() {
        return NetworkSpec.builder().name("tiny").seed(7)
                .idsInput("user", 100)
                .idsInput("item", 50)
                .sparseInput("words", 1024)
                .embedding("u", "user", 8, InitSpec.normal(0.05))
                .embedding("i", "item", 8)
                .embeddingBag("w", "words", 4, "sum")
                .concat("joined", "u", "i", "w")
                .layer(new LayerSpec.Dense("hidden", List.of(), 16, "leaky_relu", 0.2, true, null, false))
                .layerNorm("norm")
                .dropout("drop", 0.1)
                .activation("act", "gelu")
                .dense("out", 1, "identity", InitSpec.xavierNormal())
                .loss(LossSpec.bceWithLogits())
                .optimizer(OptimizerSpec.adamw(0.002).withWeightDecay(0.05).withClipNorm(5).withInverseSqrtDecay(500).withWarmup(100))
                .build();
    }

    @Test
    void jsonYamlAndBuilderGiveTheSameSpec() {
        NetworkSpec fromJson = NetworkSpec.fromJson(JSON);
        NetworkSpec fromYaml = NetworkSpec.fromYaml(YAML);
        assertEquals(fromJson, fromYaml);
        assertEquals(fromJson, built());
        assertEquals(fromJson, NetworkSpec.fromJson(fromJson.toJson()), "JSON round trip");
        assertEquals(fromJson, NetworkSpec.fromYaml(fromJson.toYaml()), "YAML round trip");
        assertEquals(fromJson.toJson(), NetworkSpec.fromYaml(fromJson.toYaml()).toJson(), "canonical text is stable");
    }

    @Test
    void defaultsAreFilledIn() {
        NetworkSpec s = NetworkSpec.fromJson(JSON);
        LayerSpec.Dense hidden = (LayerSpec.Dense) s.layer("hidden");
        assertEquals(InitSpec.heUniform(), hidden.init(), "relu-like layers default to He");
        assertEquals(List.of(), hidden.inputs());
        assertEquals(LayerSpec.DEFAULT_EMBEDDING_INIT, ((LayerSpec.Embedding) s.layer("i")).init());
        assertEquals(0.9, s.optimizer().beta1());
        SpecGraph g = s.graph();
        assertEquals(List.of("joined"), g.inputsOf(4));
        assertEquals(20, g.node("joined").shape().last());
        assertEquals("out", g.output());
    }

    @Test
    void specFilesLoadByExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path json = dir.resolve("m.json");
        Path yaml = dir.resolve("m.yaml");
        Files.writeString(json, JSON);
        Files.writeString(yaml, YAML);
        assertEquals(NetworkSpec.load(json), NetworkSpec.load(yaml));
        Files.writeString(yaml, YAML.replace("units: 16", "units: -3"));
        SpecException e = assertThrows(SpecException.class, () -> NetworkSpec.load(yaml));
        assertTrue(e.getMessage().startsWith(yaml + ": layers[4] (dense 'hidden'): units must be > 0, got -3"), e.getMessage());
    }

    private static void rejects(String json, String expectedMessageStart) {
        SpecException e = assertThrows(SpecException.class, () -> NetworkSpec.fromJson(json));
        assertTrue(e.getMessage().startsWith(expectedMessageStart), "message was: " + e.getMessage());
    }

    private static String s(String replaceWhat, String with) {
        assertTrue(JSON.contains(replaceWhat), replaceWhat);
        return JSON.replace(replaceWhat, with);
    }

    @Test
    void invalidSpecsNameTheKey() {
        rejects(s("\"units\": 16", "\"units\": -3"), "layers[4] (dense 'hidden'): units must be > 0, got -3");
        rejects(s("\"units\": 16", "\"unit\": 16"), "layers[4] (dense 'hidden'): missing required key 'units'");
        rejects(s("\"units\": 16,", "\"units\": 16, \"unitz\": 3,"), "layers[4] (dense 'hidden'): unknown key 'unitz'");
        rejects(s("\"units\": 16", "\"units\": 16.5"), "layers[4] (dense 'hidden').units: must be an integer");
        rejects(s("\"activation\": \"leaky_relu\", \"slope\": 0.2", "\"activation\": \"swish\""), "layers[4] (dense 'hidden'): unknown activation 'swish'");
        rejects(s("\"slope\": 0.2", "\"slope\": 1.5"), "layers[4] (dense 'hidden'): slope must be in [0, 1)");
        rejects(s("\"activation\": \"leaky_relu\"", "\"activation\": \"relu\""), "layers[4] (dense 'hidden').slope: applies to activation leaky_relu only, not relu");
        rejects(s("\"type\": \"gelu\"", "\"type\": \"swish\""), "layers[7] (swish 'act').type: unknown layer type 'swish'");
        rejects(s("\"type\": \"gelu\"", "\"type\": \"gru\", \"units\": 4"), "layers[7] (gru 'act'): gru needs a sequence [time, channels], but 'drop' has shape [16]");
        rejects(s("\"rate\": 0.1", "\"rate\": 1.0"), "layers[6] (dropout 'drop'): rate must be in [0, 1), got 1.0");
        rejects(s("\"mode\": \"sum\"", "\"mode\": \"max\""), "layers[2] (embedding_bag 'w'): mode must be sum or mean");
        rejects(s("\"inputs\": [\"u\", \"i\", \"w\"]", "\"inputs\": [\"u\", \"x\", \"w\"]"), "layers[3] (concat 'joined'): input 'x' is not a network input or an earlier layer");
        rejects(s("\"inputs\": [\"u\", \"i\", \"w\"]", "\"inputs\": [\"u\"]"), "layers[3] (concat 'joined'): needs at least 2 inputs");
        rejects(s("\"name\": \"i\", \"input\": \"item\"", "\"name\": \"u\", \"input\": \"item\""), "layers[1] (embedding 'u'): name 'u' is already used by layers[0]");
        rejects(s("\"input\": \"words\"", "\"input\": \"user\""), "layers[2] (embedding_bag 'w'): input 'user' must be a sparse_ids input, got ids");
        rejects(s("\"std\": 0.05", "\"std\": -1"), "layers[0] (embedding 'u').init.std: must be finite and >= 0");
        rejects(s("\"init\": \"xavier_normal\"", "\"init\": \"orthogonal\""), "layers[8] (dense 'out').init: unknown initializer 'orthogonal'");
        rejects(s("\"vocab\": 50", "\"vocab\": 0"), "inputs[1] 'item': vocab must be > 0, got 0");
        rejects(s("\"type\": \"sparse_ids\"", "\"type\": \"tokens\""), "inputs[2] 'words'.type: unknown input type 'tokens'");
        rejects(s("\"loss\": \"bce_with_logits\"", "\"loss\": \"hinge\""), "loss: unknown loss 'hinge'");
        rejects(s("\"loss\": \"bce_with_logits\"", "\"loss\": \"softmax_cross_entropy\""), "loss: softmax_cross_entropy needs an output layer with at least 2 units");
        rejects(s("\"lr\": 0.002", "\"lr\": -0.1"), "optimizer.lr: must be finite and > 0, got -0.1");
        rejects(s("\"lr\": 0.002", "\"lr\": 0.002, \"momentum\": 0.9"), "optimizer.momentum: is not a setting of adamw");
        rejects(s("\"type\": \"adamw\"", "\"type\": \"lbfgs\""), "optimizer.type: unknown optimizer 'lbfgs'");
        rejects(s("\"schedule\": \"inverse_sqrt\"", "\"schedule\": \"cosine\""), "optimizer.schedule: unknown schedule 'cosine'");
        rejects(s("\"seed\": 7,", "\"seed\": 7, \"sed\": 1,"), "spec: unknown key 'sed'");
        rejects(s("\"loss\": \"bce_with_logits\",", ""), "spec: missing required key 'loss'");
        rejects(s("{\"type\": \"dense\", \"name\": \"out\",", "{\"type\": \"dense\", \"name\": \"dead\", \"input\": \"act\", \"units\": 2}, {\"type\": \"dense\", \"name\": \"out\", \"input\": \"act\","),
                "layers[8] (dense 'dead'): is not used by any layer");
        rejects("{\"seed\": 1, \"inputs\": [", "spec: malformed JSON");
        SpecException yaml = assertThrows(SpecException.class, () -> NetworkSpec.fromYaml(YAML.replace("dim: 4", "dim: [4")));
        assertTrue(yaml.getMessage().startsWith("spec: malformed YAML"), yaml.getMessage());
    }

    @Test
    void layersNeedAnExplicitInputWhenTheNetworkHasSeveral() {
        rejects(s("\"name\": \"u\", \"input\": \"user\",", "\"name\": \"u\","), "layers[0] (embedding 'u'): input is required (the network has several inputs: user, item, words)");
    }

    @Test
    void builderValidatesToo() {
        SpecException e = assertThrows(SpecException.class, () -> NetworkSpec.builder().denseInput("x", 4)
                .dense("hidden", 0, "relu").dense("out", 1).loss("mse").optimizer(OptimizerSpec.sgd(0.1)).build());
        assertEquals("layers[0] (dense 'hidden')", e.location());
        assertThrows(SpecException.class, () -> NetworkSpec.builder().denseInput("x", 4).dense("out", 1).loss("mse").build(),
                "optimizer is required");
    }

    @Test
    void referenceSpecsHaveTheArchitectureOfTheDocument() {
        NetworkSpec s = ReferenceSpecs.sentiment();
        assertEquals(List.of(InputSpec.sparseIds("tokens", 1 << 18)), s.inputs());
        LayerSpec.EmbeddingBag emb = (LayerSpec.EmbeddingBag) s.layers().get(0);
        assertEquals(64, emb.dim());
        assertEquals("mean", emb.mode());
        assertEquals(64, ((LayerSpec.Dense) s.layers().get(1)).units());
        assertEquals("relu", ((LayerSpec.Dense) s.layers().get(1)).activation());
        assertEquals(1, ((LayerSpec.Dense) s.layers().get(2)).units());
        assertEquals("bce_with_logits", s.loss().type());
        assertEquals("adam", s.optimizer().type());
        assertEquals("sgd", ReferenceSpecs.sentimentSgd().optimizer().type());

        NetworkSpec r = ReferenceSpecs.recommendation();
        assertEquals(List.of(InputSpec.ids("user", 6040), InputSpec.ids("item", 3706)), r.inputs());
        assertEquals(64, r.graph().node("joined").shape().last());
        assertEquals(List.of(128, 64, 1), r.layers().stream().filter(l -> l instanceof LayerSpec.Dense)
                .map(l -> ((LayerSpec.Dense) l).units()).toList());

        NetworkSpec d = ReferenceSpecs.dense();
        assertEquals(List.of(InputSpec.dense("x", 256)), d.inputs());
        assertEquals(List.of(512, 512, 10), d.layers().stream().map(l -> ((LayerSpec.Dense) l).units()).toList());
        assertEquals("softmax_cross_entropy", d.loss().type());
    }
}
