package io.streamnet.nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.feature.TokenSequenceConfig;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.IdColumn;
import org.junit.jupiter.api.Test;

/** Integrated gradients on a TextCNN's token embeddings (an embedding over padded ids, then Conv1D max-over-time). */
class SequenceAttributionTest {
    private static final int WIDTH = 6;
    /** Four tokens, distinct ids (each position has its own table row), two padded positions. */
    private static final int[] IDS = {3, 17, 40, 9};

    private static NetworkSpec textCnn() {
        return NetworkSpec.builder().name("tiny-textcnn").seed(5).idsInput("tokens", 64, WIDTH)
                .embedding("emb", "tokens", 4, InitSpec.normal(0.8))
                .conv1dMaxPool("cnn", 3, 1, 2)
                .dense("out", 1, "identity", InitSpec.uniform(0.6))
                .loss("bce_with_logits").optimizer(OptimizerSpec.sgd(0.1)).build();
    }

    /** The logit of IDS with every used row of the table scaled by {@code a}, row {@code ids[t]} by {@code a + d}. */
    private static double logitAt(Network net, float[] table, float a, int t, float d) {
        Parameter p = net.parameter("emb.table");
        float[] w = p.value();
        System.arraycopy(table, 0, w, 0, w.length);
        for (int i = 0; i < IDS.length; i++) {
            float s = i == t ? a + d : a;
            for (int j = 0; j < 4; j++) w[IDS[i] * 4 + j] = table[IDS[i] * 4 + j] * s;
        }
        Batch b = net.newBatch();
        b.start(1);
        IdColumn col = b.ids("tokens");
        for (int k = 0; k < WIDTH; k++) col.set(0, k, k < IDS.length ? IDS[k] : 0);
        col.setLength(0, IDS.length);
        double p1 = net.predict(b).data()[0];
        return Math.log(p1 / (1 - p1));
    }

    /** Each position's attribution against central differences of the real network along the path (scaled rows). */
    @Test
    void attributionsAreTheFiniteDifferenceGradientsAlongThePath() {
        Network net = Network.build(textCnn());
        int steps = 4;
        Attribution a = new IntegratedGradients(net.spec(), steps).attribute(net, IDS, IDS.length);
        float[] table = net.parameter("emb.table").value().clone();
        float eps = 1e-3f;
        for (int t = 0; t < IDS.length; t++) {
            double integral = 0;
            for (int s = 0; s < steps; s++) {
                float at = (s + 0.5f) / steps;
                integral += (logitAt(net, table, at, t, eps) - logitAt(net, table, at, t, -eps)) / (2 * eps) / steps;
            }
            assertEquals(integral, a.attributions()[t], 2e-3 + 1e-2 * Math.abs(integral), "position " + t);
        }
    }

    @Test
    void attributionsAddUpToTheLogitAboveZeroEmbeddings() {
        Network net = Network.build(textCnn());
        Attribution a = new IntegratedGradients(net.spec(), 512).attribute(net, IDS, IDS.length);
        double gap = a.logit() - a.baselineLogit();
        assertTrue(Math.abs(gap) > 0.05, "the test needs a logit that moves, got " + gap);
        assertEquals(gap, a.sum(), 2e-3 * Math.abs(gap) + 1e-4);
        float[] table = net.parameter("emb.table").value().clone();
        assertEquals(logitAt(net, table, 1f, 0, 0f), a.logit(), 1e-4, "the text's logit is the network's");
    }

    @Test
    void aTextCnnIsExplainedPerTokenAndOnlyWithItsOwnFeatures() {
        Network net = Network.build(textCnn());
        Explanation e = new TextExplainer(net.spec(), new TokenSequenceConfig(64, WIDTH, 0), 64)
                .explain(net, "so so bad , really bad and then some more words");
        assertEquals(java.util.List.of("so", "bad", "really", "and"), e.tokens().stream().map(TokenContribution::token)
                .sorted(java.util.Comparator.comparing("so bad really and"::indexOf)).toList(), "the first 6 tokens only");
        assertEquals(2, e.tokens().stream().filter(t -> t.token().equals("so")).findFirst().orElseThrow().occurrences());
        assertEquals(e.logit() - e.baselineLogit(), e.total(), 0.02 * Math.abs(e.logit() - e.baselineLogit()) + 1e-3);

        var wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> new TextExplainer(net.spec(), new TokenSequenceConfig(64, 8, 0), 8));
        assertTrue(wrongWidth.getMessage().contains("keeps 8 tokens but network input 'tokens' has width 6"), wrongWidth.getMessage());
        var bagFeatures = assertThrows(IllegalArgumentException.class,
                () -> new TextExplainer(net.spec(), new io.streamnet.nn.feature.TextHashingConfig(64, 1, 2, false, 0), 8));
        assertTrue(bagFeatures.getMessage().contains("reads a sequence of ids but the features are text_hashing"), bagFeatures.getMessage());
    }
}
