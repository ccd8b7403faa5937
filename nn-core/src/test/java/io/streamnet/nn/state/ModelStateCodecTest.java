package io.streamnet.nn.state;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.testing.SyntheticBags;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Determinism and the state codec: same seed same bytes, restore-and-continue, corruption, mismatching specs. */
class ModelStateCodecTest {
    static final int VOCAB = 500;

    static NetworkSpec spec() {
        return SyntheticBags.smallSentimentSpec(VOCAB, OptimizerSpec.adam(0.01).withWarmup(5).withClipNorm(1.0));
    }

    /** Trains {@code net} on {@code batches} batches of the stream {@code data}. */
    static void train(Network net, SyntheticBags data, int batches) {
        Batch b = net.newBatch();
        for (int i = 0; i < batches; i++) {
            data.fill(b, 16);
            assertTrue(net.trainBatch(b).trained());
        }
    }

    @Test
    void twoRunsWithTheSameSeedGiveIdenticalStateBytes() {
        Network a = Network.build(spec());
        Network b = Network.build(spec());
        train(a, new SyntheticBags(1, VOCAB, 20), 30);
        train(b, new SyntheticBags(1, VOCAB, 20), 30);
        byte[] sa = ModelStateCodec.encode(a);
        assertArrayEquals(sa, ModelStateCodec.encode(b));
        Network c = Network.build(spec().withSeed(43));
        train(c, new SyntheticBags(1, VOCAB, 20), 30);
        assertFalse(Arrays.equals(sa, ModelStateCodec.encode(c)), "another seed gives another model");
    }

    @Test
    void saveMidStreamRestoreAndContinueEqualsTheUninterruptedRun() throws Exception {
        Network straight = Network.build(spec());
        train(straight, new SyntheticBags(2, VOCAB, 20), 40);

        SyntheticBags data = new SyntheticBags(2, VOCAB, 20);
        Network first = Network.build(spec());
        train(first, data, 17);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelStateCodec.write(first, out);
        Network resumed = ModelStateCodec.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(first.rng().state(), resumed.rng().state());
        assertEquals(17, resumed.optimizer().steps());
        train(resumed, data, 23);

        assertArrayEquals(ModelStateCodec.encode(straight), ModelStateCodec.encode(resumed));
        assertEquals(40, resumed.counters().trainedBatches());
    }

    @Test
    void decodeThenEncodeIsBitIdentical() {
        Network net = Network.build(spec());
        train(net, new SyntheticBags(3, VOCAB, 20), 5);
        net.setFrozen("hidden", true);
        net.parameter("out.bias").value()[0] = Float.intBitsToFloat(0x7fc00123); // a NaN payload survives too
        byte[] bytes = ModelStateCodec.encode(net);
        Network back = ModelStateCodec.decode(bytes);
        assertArrayEquals(bytes, ModelStateCodec.encode(back));
        assertTrue(back.parameter("hidden.weight").frozen());
        assertEquals(net.spec(), back.spec());
    }

    @Test
    void scoringStateHasNoOptimizerAndPredictsTheSame() {
        Network net = Network.build(spec());
        train(net, new SyntheticBags(4, VOCAB, 20), 10);
        byte[] full = ModelStateCodec.encode(net);
        byte[] scoring = ModelStateCodec.encode(net, false);
        assertTrue(scoring.length < full.length / 2, "no slots: " + scoring.length + " vs " + full.length);
        Network scorer = ModelStateCodec.decode(scoring);
        assertNull(scorer.optimizer());
        assertThrows(IllegalStateException.class, () -> scorer.trainBatch(scorer.newBatch()));
        Batch b = net.newBatch();
        new SyntheticBags(5, VOCAB, 20).fill(b, 8);
        float[] p1 = net.predict(b).toArray();
        float[] p2 = scorer.predict(b).toArray();
        assertArrayEquals(p1, p2);
        assertArrayEquals(p1, net.scoringCopy().predict(b).toArray());
    }

    @Test
    void aCorruptedByteIsReportedByTheChecksum() {
        Network net = Network.build(spec());
        byte[] bytes = ModelStateCodec.encode(net);
        for (int pos : new int[] {20, bytes.length / 2, bytes.length - 40, bytes.length - 1}) {
            byte[] bad = bytes.clone();
            bad[pos] ^= 0x10;
            StateFormatException e = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(bad));
            assertTrue(e.getMessage().contains("checksum mismatch (SHA-256)"), e.getMessage());
        }
        StateFormatException cut = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 100)));
        assertTrue(cut.getMessage().contains("checksum"), cut.getMessage());
        byte[] notOurs = bytes.clone();
        notOurs[0] = 'X';
        assertTrue(assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(notOurs)).getMessage().contains("magic"));
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        byte[] bytes = ModelStateCodec.encode(Network.build(spec()));
        ByteBuffer.wrap(bytes).putInt(4, 99);
        byte[] digest = Sha256.of(bytes, 0, bytes.length - 32);
        System.arraycopy(digest, 0, bytes, bytes.length - 32, 32);
        StateFormatException e = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(bytes));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    }

    @Test
    void aSpecThatDoesNotMatchTheWeightsNamesTheLayerAndShapes() {
        byte[] bytes = ModelStateCodec.encode(Network.build(spec()));
        LayerSpec.Dense hidden = (LayerSpec.Dense) spec().layer("hidden");
        NetworkSpec wider = spec().withLayer(new LayerSpec.Dense("hidden", hidden.inputs(), 32, "relu", 0.01, true, hidden.init(), false));
        StateFormatException e = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(bytes, wider));
        assertTrue(e.getMessage().startsWith("layer 'hidden': the spec expects parameter 'hidden.weight' of shape [16, 32], "
                + "the state holds 'hidden.weight' of shape [16, 16]"), e.getMessage());

        NetworkSpec sgd = spec().withOptimizer(OptimizerSpec.sgd(0.1));
        StateFormatException o = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(bytes, sgd));
        assertTrue(o.getMessage().startsWith("optimizer: the spec says 'sgd', the state holds slots of 'adam'"), o.getMessage());

        NetworkSpec fewer = NetworkSpec.builder().seed(42).sparseInput("tokens", VOCAB)
                .embeddingBag("emb", "tokens", 16, "mean").dense("out", 1).loss("bce_with_logits")
                .optimizer(OptimizerSpec.adam(0.01)).build();
        StateFormatException f = assertThrows(StateFormatException.class, () -> ModelStateCodec.decode(bytes, fewer));
        assertTrue(f.getMessage().startsWith("layer 'out': the spec expects parameter 'out.weight' of shape [16, 1], "
                + "the state holds 'hidden.weight' of shape [16, 16]"), f.getMessage());

        // Same shapes, other hyper-parameters: accepted (e.g. a new learning rate after a restore).
        Network relr = ModelStateCodec.decode(bytes, spec().withOptimizer(OptimizerSpec.adam(0.001)));
        assertEquals(0.001, relr.optimizer().nextRate(), 1e-12);
    }

    @Test
    void parameterSnapshotsCopyAndLoadWithShapeChecks() {
        Network net = Network.build(spec());
        train(net, new SyntheticBags(6, VOCAB, 20), 5);
        var snap = net.copyParameters();
        assertEquals(net.parameterCount(), snap.size());
        Network other = Network.build(spec().withSeed(9));
        other.loadParameters(snap);
        for (int i = 0; i < net.parameters().size(); i++) {
            assertArrayEquals(net.parameters().get(i).value(), other.parameters().get(i).value());
        }
        Parameter first = net.parameters().get(0);
        first.value()[first.offset()] += 1f;
        assertEquals(snap.entries().get(0).values()[0] + 1f, first.value()[first.offset()], "a snapshot is a copy");
        LayerSpec.Dense hidden = (LayerSpec.Dense) spec().layer("hidden");
        Network wider = Network.build(spec().withLayer(new LayerSpec.Dense("hidden", List.of(), 8, "relu", 0.01, true, hidden.init(), false)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.loadParameters(snap));
        assertTrue(e.getMessage().startsWith("layer 'hidden': parameter 'hidden.weight' has shape [16, 8]"), e.getMessage());
    }
}
