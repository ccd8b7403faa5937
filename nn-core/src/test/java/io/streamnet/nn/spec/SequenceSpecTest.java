package io.streamnet.nn.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence layers in the spec: read, defaults, written back, and bad values rejected naming the key. */
class SequenceSpecTest {
    static final String YAML = """
            seed: 3
            inputs:
              - {name: tokens, type: ids, vocab: 2^10, width: 12}
            layers:
              - {type: embedding, name: emb, input: tokens, dim: 8}
              - {type: gru, name: seq, units: 6, truncate: 4, output: all}
              - {type: conv1d_max_pool, name: cnn, input: emb, filters: 5, widths: [2, 3]}
              - {type: lstm, name: last, input: seq, units: 3}
              - {type: concat, name: both, inputs: [cnn, last]}
              - {type: dense, name: out, units: 1}
            loss: bce_with_logits
            optimizer: {type: adam, lr: 0.01}
            """;

    @Test
    void sequenceLayersAreReadWithTheirDefaultsAndWrittenBack() {
        NetworkSpec spec = NetworkSpec.fromYaml(YAML);
        assertEquals(new LayerSpec.Recurrent("seq", List.of(), "gru", 6, 4, "all", InitSpec.xavierUniform(), false), spec.layer("seq"));
        assertEquals(new LayerSpec.Recurrent("last", List.of("seq"), "lstm", 3, 0, "last", null, false), spec.layer("last"));
        assertEquals(new LayerSpec.Conv1DMaxPool("cnn", List.of("emb"), 5, List.of(2, 3), "relu", true, InitSpec.heUniform(), false),
                spec.layer("cnn"));
        SpecGraph g = spec.graph();
        assertEquals("[12, 6]", g.node("seq").shape().toString());
        assertEquals("[10]", g.node("cnn").shape().toString());
        assertEquals("[3]", g.node("last").shape().toString());
        assertEquals(spec, NetworkSpec.fromJson(spec.toJson()));
        assertEquals(spec, NetworkSpec.fromYaml(spec.toYaml()));
        NetworkSpec built = NetworkSpec.builder().seed(3).idsInput("tokens", 1024, 12).embedding("emb", "tokens", 8)
                .conv1dMaxPool("cnn", 5, 2, 3).dense("out", 1).loss("bce_with_logits").optimizer(OptimizerSpec.adam(0.01)).build();
        assertEquals(spec.layer("cnn").type(), built.layer("cnn").type());
        assertEquals(((LayerSpec.Conv1DMaxPool) spec.layer("cnn")).withFrozen(false).widths(), ((LayerSpec.Conv1DMaxPool) built.layer("cnn")).widths());
    }

    private static void rejects(String from, String to, String expectedMessageStart) {
        assertTrue(YAML.contains(from), from);
        SpecException e = assertThrows(SpecException.class, () -> NetworkSpec.fromYaml(YAML.replace(from, to)));
        assertTrue(e.getMessage().startsWith(expectedMessageStart), "message was: " + e.getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        rejects("units: 6", "units: 0", "layers[1] (gru 'seq'): units must be > 0, got 0");
        rejects("units: 6", "unitz: 6", "layers[1] (gru 'seq'): missing required key 'units'");
        rejects("truncate: 4", "truncate: -1", "layers[1] (gru 'seq'): truncate must be >= 0 (0: full backpropagation through time), got -1");
        rejects("truncate: 4", "truncate: 2.5", "layers[1] (gru 'seq').truncate: must be an integer");
        rejects("output: all", "output: first", "layers[1] (gru 'seq'): output must be last (the last valid state) or all (every state), got 'first'");
        rejects("output: all", "outputs: all", "layers[1] (gru 'seq'): unknown key 'outputs'");
        rejects("units: 3}", "units: 3, init: orthogonal}", "layers[3] (lstm 'last').init: unknown initializer 'orthogonal'");
        rejects("widths: [2, 3]", "widths: [2, 13]", "layers[2] (conv1d_max_pool 'cnn').widths: each width must be in [1, 12] (the input's time), got 13");
        rejects("widths: [2, 3]", "widths: [0]", "layers[2] (conv1d_max_pool 'cnn').widths: each width must be in [1, 12]");
        rejects("widths: [2, 3]", "widths: [3, 3]", "layers[2] (conv1d_max_pool 'cnn').widths: width 3 is given twice");
        rejects("widths: [2, 3]", "widths: []", "layers[2] (conv1d_max_pool 'cnn').widths: must be a non-empty list of integers");
        rejects("widths: [2, 3]", "widths: [2, x]", "layers[2] (conv1d_max_pool 'cnn').widths[1]: must be an integer");
        rejects("widths: [2, 3]", "width: 3", "layers[2] (conv1d_max_pool 'cnn'): missing required key 'widths'");
        rejects("filters: 5", "filters: -5", "layers[2] (conv1d_max_pool 'cnn'): filters must be > 0, got -5");
        rejects("widths: [2, 3]}", "widths: [2, 3], activation: tanh}", "layers[2] (conv1d_max_pool 'cnn'): activation must be relu or identity");
        rejects("input: emb, filters", "input: tokens, filters", "layers[2] (conv1d_max_pool 'cnn'): conv1d_max_pool needs a dense input, but 'tokens' holds ids (use embedding)");
        rejects("input: seq, units: 3", "input: cnn, units: 3", "layers[3] (lstm 'last'): lstm needs a sequence [time, channels], but 'cnn' has shape [10]");
        rejects("output: all", "output: last", "layers[3] (lstm 'last'): lstm needs a sequence [time, channels], but 'seq' has shape [6]");
        rejects("inputs: [cnn, last]", "inputs: [cnn, seq]", "layers[4] (concat 'both'): input 'seq' has shape [12, 6], incompatible");
    }

    @Test
    void aSingleWidthMayBeWrittenAsANumber() {
        NetworkSpec spec = NetworkSpec.fromYaml(YAML.replace("widths: [2, 3]", "widths: 4"));
        assertEquals(List.of(4), ((LayerSpec.Conv1DMaxPool) spec.layer("cnn")).widths());
    }
}
