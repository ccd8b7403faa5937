package io.streamnet.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec keys of transfer learning: transfer {from, layers}, optimizer groups; every error names its key. */
class TransferSpecTest {
    private static final String HEAD = """
            seed: 1
            inputs: [{name: tokens, type: sparse_ids, vocab: 100}]
            layers:
              - {type: embedding_bag, name: emb, input: tokens, dim: 4}
              - {type: dropout, name: drop, rate: 0.1}
              - {type: dense, name: out, units: 1, frozen: false}
            loss: bce_with_logits
            """;

    private static NetworkSpec parse(String optimizer, String transfer) {
        return NetworkSpec.fromYaml(HEAD + "optimizer: " + optimizer + "\n" + (transfer == null ? "" : "transfer: " + transfer + "\n"));
    }

    private static void fails(String key, String messagePart, String optimizer, String transfer) {
        SpecException e = assertThrows(SpecException.class, () -> parse(optimizer, transfer));
        assertEquals(key, e.location(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void readsAndWritesTransferAndGroups() {
        NetworkSpec s = parse("{type: adam, lr: 0.01, groups: [{layers: [emb], lr_scale: 0.1}, {layers: out, lr: 0.02}]}",
                "{from: models/imdb.snnm, layers: [emb]}");
        assertEquals(new TransferSpec("models/imdb.snnm", List.of("emb")), s.transfer());
        assertEquals(0.1, s.optimizer().lrScale("emb"), 0);
        assertEquals(2.0, s.optimizer().lrScale("out"), 1e-12);
        assertEquals(1.0, s.optimizer().lrScale("drop"), 0);
        assertEquals(s, NetworkSpec.fromJson(s.toJson()));
        assertEquals(s, NetworkSpec.fromYaml(s.toYaml()));
        NetworkSpec plain = parse("{type: sgd, lr: 0.1}", null);
        assertTrue(!plain.toJson().contains("transfer") && !plain.toJson().contains("groups"), "absent keys are not written");
        assertEquals(List.of(), parse("{type: sgd, lr: 0.1}", "{from: x.snnm}").transfer().layers(), "no layers: all");
    }

    @Test
    void errorsNameTheKey() {
        fails("transfer.layers[1]", "no layer named 'hidden'", "{type: sgd, lr: 0.1}", "{from: a, layers: [emb, hidden]}");
        fails("transfer.layers[0]", "has no parameters", "{type: sgd, lr: 0.1}", "{from: a, layers: [drop]}");
        fails("transfer.layers[1]", "listed twice", "{type: sgd, lr: 0.1}", "{from: a, layers: [emb, emb]}");
        fails("transfer", "missing required key 'from'", "{type: sgd, lr: 0.1}", "{layers: [emb]}");
        fails("transfer", "unknown key 'layer'", "{type: sgd, lr: 0.1}", "{from: a, layer: [emb]}");
        fails("transfer.from", "must be a string", "{type: sgd, lr: 0.1}", "{from: 3}");
        fails("optimizer.groups[0].layers[0]", "no layer named 'x'", "{type: sgd, lr: 0.1, groups: [{layers: [x], lr_scale: 2}]}", null);
        fails("optimizer.groups[1].layers[0]", "already in an earlier group",
                "{type: sgd, lr: 0.1, groups: [{layers: [emb], lr_scale: 2}, {layers: [emb], lr: 0.1}]}", null);
        fails("optimizer.groups[0]", "exactly one of 'lr_scale' and 'lr'", "{type: sgd, lr: 0.1, groups: [{layers: [emb], lr_scale: 2, lr: 1}]}", null);
        fails("optimizer.groups[0]", "exactly one of 'lr_scale' and 'lr'", "{type: sgd, lr: 0.1, groups: [{layers: [emb]}]}", null);
        fails("optimizer.groups[0].lr_scale", "must be finite and >= 0", "{type: sgd, lr: 0.1, groups: [{layers: [emb], lr_scale: -1}]}", null);
        fails("optimizer.groups[0].lr", "must be finite and >= 0", "{type: sgd, lr: 0.1, groups: [{layers: [emb], lr: -1}]}", null);
        fails("optimizer.groups[0]", "unknown key 'frozen'", "{type: sgd, lr: 0.1, groups: [{layers: [emb], lr: 1, frozen: true}]}", null);
        fails("optimizer.groups", "must be a list", "{type: sgd, lr: 0.1, groups: {layers: [emb]}}", null);
    }
}
