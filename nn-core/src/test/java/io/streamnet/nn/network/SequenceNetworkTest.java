package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.testing.SyntheticSequences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static io.streamnet.nn.testing.ParameterAssertions.differingValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequence models end to end, from padded token ids: extra padding changes nothing (predictions, loss, every
 * gradient, the step's update), the same seed gives the same model bit for bit, the state codec keeps the new
 * parameters, and each model learns an order-only task that a bag of ids cannot.
 */
class SequenceNetworkTest {
    static final int VOCAB = 40;

    /**
     * Spec of a model over ids padded to {@code width}: textcnn, textcnn-wide (40 filters: more than one vector of
     * them), gru, lstm, or stacked (gru over every state, then lstm).
     */
    static NetworkSpec spec(String model, int width) {
        String body = switch (model) {
            case "textcnn" -> "- {type: conv1d_max_pool, name: cnn, filters: 8, widths: [1, 2, 3]}";
            case "textcnn-wide" -> "- {type: conv1d_max_pool, name: cnn, filters: 40, widths: [1, 2, 3]}";
            case "gru" -> "- {type: gru, name: rnn, units: 8}";
            case "lstm" -> "- {type: lstm, name: rnn, units: 8}";
            case "stacked" -> "- {type: gru, name: states, units: 6, output: all, truncate: 3}\n  - {type: lstm, name: rnn, units: 5}";
            default -> throw new IllegalArgumentException(model);
        };
        return NetworkSpec.fromYaml("""
                seed: 42
                inputs:
                  - {name: tokens, type: ids, vocab: %d, width: %d}
                layers:
                  - {type: embedding, name: emb, dim: 6, init: {type: normal, std: 0.5}}
                  %s
                  - {type: dense, name: out, units: 1}
                loss: bce_with_logits
                optimizer: {type: adam, lr: 0.02}
                """.formatted(VOCAB, width, body));
    }

    /** {@code from}'s examples copied into a batch of wider ids, the extra padding full of other ids. */
    static Batch repadded(Network net, Batch from, int width) {
        Batch b = net.newBatch();
        b.start(from.size());
        IdColumn src = from.ids("tokens");
        IdColumn dst = b.ids("tokens");
        for (int i = 0; i < from.size(); i++) {
            for (int k = 0; k < width; k++) dst.set(i, k, k < src.length(i) ? src.ids()[i * src.width() + k] : (k * 7) % VOCAB);
            dst.setLength(i, src.length(i));
            b.targets().set(i, from.targets().value(i, 0));
        }
        return b;
    }

    /** Every parameter gradient as bit patterns (sparse rows with their row numbers, in their order). */
    static List<Integer> gradients(Network net) {
        List<Integer> out = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            if (p.isSparse()) {
                SparseRowGradient g = p.sparseGrad();
                for (int i = 0; i < g.count(); i++) {
                    out.add(g.row(i));
                    for (int c = 0; c < g.cols(); c++) out.add(Float.floatToRawIntBits(g.values()[i * g.cols() + c]));
                }
            } else {
                for (float v : p.grad()) out.add(Float.floatToRawIntBits(v));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"textcnn", "gru", "lstm", "stacked"})
    void extraPaddingChangesNothing(String model) {
        Network narrow = Network.build(spec(model, 8));
        Network wide = Network.build(spec(model, 13));
        assertBitIdentical(narrow, wide, "initial weights");
        Batch a = narrow.newBatch();
        new SyntheticSequences(3, VOCAB, 8).fill(a, 12);
        a.ids("tokens").setLength(5, 0); // an empty sequence too
        Batch b = repadded(wide, a, 13);
        assertArrayEquals(narrow.predict(a).toArray(), wide.predict(b).toArray(), "predictions");
        assertEquals(narrow.computeGradients(a), wide.computeGradients(b), "loss");
        assertEquals(gradients(narrow), gradients(wide), "every parameter gradient");
        for (int i = 0; i < 3; i++) {
            narrow.trainBatch(a);
            wide.trainBatch(b);
        }
        assertBitIdentical(narrow, wide, "after three steps");
        assertTrue(differingValues(narrow, Network.build(spec(model, 8))) > 0, "the steps changed the weights");
    }

    @ParameterizedTest
    @ValueSource(strings = {"textcnn", "stacked"})
    void theSameSeedGivesTheSameModelAndTheCodecKeepsIt(String model) {
        Network x = Network.build(spec(model, 8));
        Network y = Network.build(spec(model, 8));
        assertBitIdentical(x, y, "initial weights");
        train(x, new SyntheticSequences(1, VOCAB, 8), 10);
        train(y, new SyntheticSequences(1, VOCAB, 8), 10);
        assertBitIdentical(x, y, "after training");
        assertTrue(differingValues(x, Network.build(spec(model, 8).withSeed(43))) > 0, "another seed, other weights");

        Network restored = ModelStateCodec.decode(ModelStateCodec.encode(x));
        assertBitIdentical(x, restored, "decoded");
        train(x, new SyntheticSequences(2, VOCAB, 8), 5);
        train(restored, new SyntheticSequences(2, VOCAB, 8), 5);
        assertBitIdentical(x, restored, "trained on after decoding");
    }

    static void train(Network net, SyntheticSequences data, int steps) {
        Batch b = net.newBatch();
        for (int i = 0; i < steps; i++) {
            data.fill(b, 32);
            assertTrue(net.trainBatch(b).trained());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"textcnn", "gru", "lstm", "stacked"})
    void learnsWhatOnlyOrderTells(String model) {
        Network net = Network.build(spec(model, 8));
        train(net, new SyntheticSequences(5, VOCAB, 8), 300);
        Batch test = net.newBatch();
        new SyntheticSequences(99, VOCAB, 8).fill(test, 500);
        float[] p = net.predict(test).toArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) if ((p[i] > 0.5f) == (test.targets().value(i, 0) == 1f)) right++;
        double accuracy = right / (double) p.length;
        // a bag of ids is at chance (0.5) here
        assertTrue(accuracy >= 0.95, model + " accuracy " + accuracy);
    }

    @org.junit.jupiter.api.Test
    void idsAreCheckedUpToEachExamplesLengthOnly() {
        Network net = Network.build(spec("gru", 8));
        Batch b = net.newBatch();
        new SyntheticSequences(3, VOCAB, 8).fill(b, 4); // padded positions hold -1: accepted, never read
        net.checkBatch(b, true);
        IdColumn ids = b.ids("tokens");
        ids.setLength(2, 3);
        ids.set(2, 2, VOCAB);
        InvalidBatchException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidBatchException.class, () -> net.trainBatch(b));
        assertEquals("input 'tokens', example 2: id 40 (position 2) is outside [0, 40)", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ids.setLength(0, 9));
    }
}
