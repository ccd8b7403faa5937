package io.streamnet.nn.prequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.spec.SpecException;
import org.junit.jupiter.api.Test;

class RunnerSpecTest {
    private static final String SMALL = """
            batch_size: 16
            features: {type: text_hashing, input: tokens, buckets: 1024, max_order: 3, binary: true}
            network:
              seed: 1
              inputs: [{name: tokens, type: sparse_ids, vocab: 1024}]
              layers:
                - {type: embedding_bag, name: emb, input: tokens, dim: 8, mode: mean}
                - {type: dense, name: out, units: 1}
              loss: bce_with_logits
              optimizer: {type: adagrad, lr: 0.1}
            """;

    @Test
    void defaultSpecsParseAndMatchTheirNetworks() {
        for (Dataset d : Dataset.values()) {
            if (d.kind() == Dataset.Kind.SESSIONS) {
                assertEquals(20, SessionRunnerSpec.defaults(42).learner().topK()); // a session spec, no network
                continue;
            }
            RunnerSpec spec = RunnerSpec.forDataset(d);
            assertEquals(32, spec.batchSize());
            if (d.kind() == Dataset.Kind.TEXT) {
                FeatureSpec.TextHashing t = assertInstanceOf(FeatureSpec.TextHashing.class, spec.features());
                assertEquals(1, t.config().minOrder());
                assertEquals("bce_with_logits", spec.network().loss().type());
            } else {
                assertInstanceOf(FeatureSpec.UserItem.class, spec.features());
                assertEquals("mse", spec.network().loss().type());
            }
        }
    }

    @Test
    void peerModelSSpecIsModelSWithThePeersSettings() throws Exception {
        var url = RunnerSpecTest.class.getResource("model-s-peer.yaml");
        RunnerSpec spec = RunnerSpec.load(java.nio.file.Path.of(url.toURI()));
        assertEquals(1 << 18, ((FeatureSpec.TextHashing) spec.features()).config().buckets());
        assertEquals("adagrad", spec.network().optimizer().type());
        assertEquals(0.2, spec.network().optimizer().lr(), 1e-12);
    }

    @Test
    void readsFeatureSettings() {
        RunnerSpec spec = RunnerSpec.parse(SMALL, false, "small.yaml");
        assertEquals(16, spec.batchSize());
        FeatureSpec.TextHashing t = (FeatureSpec.TextHashing) spec.features();
        assertEquals(1024, t.config().buckets());
        assertEquals(3, t.config().maxOrder());
        assertTrue(t.config().binary());
        assertEquals("tokens", t.input());
    }

    @Test
    void bucketsMustEqualTheInputVocab() {
        SpecException e = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(SMALL.replace("buckets: 1024", "buckets: 2^11"), false, "s.yaml"));
        assertTrue(e.getMessage().contains("features.buckets") && e.getMessage().contains("2048")
                && e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void unknownKeysAndNetworkErrorsNameTheirLocation() {
        SpecException typo = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(SMALL.replace("binary: true", "binry: true"), false, "s.yaml"));
        assertTrue(typo.getMessage().contains("unknown key 'binry'"), typo.getMessage());
        SpecException net = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(SMALL.replace("dim: 8", "dim: -8"), false, "s.yaml"));
        assertTrue(net.getMessage().startsWith("s.yaml: network."), net.getMessage());
        SpecException input = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(SMALL.replace("text_hashing, input: tokens", "text_hashing, input: words"), false, "s.yaml"));
        assertTrue(input.getMessage().contains("no input named 'words'"), input.getMessage());
        SpecException yaml = assertThrows(SpecException.class, () -> RunnerSpec.parse("a: [", false, "s.yaml"));
        assertTrue(yaml.getMessage().contains("malformed YAML"), yaml.getMessage());
        assertThrows(SpecException.class, () -> RunnerSpec.parse("batch_size: 0\n" + SMALL.substring(15), false, "s"));
        assertThrows(SpecException.class, () -> RunnerSpec.parse(SMALL.replace("text_hashing", "bag"), false, "s"));
    }
}
