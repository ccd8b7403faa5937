package io.streamnet.nn.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.spec.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of the model state format "SNNM" version 1 ({@link ModelStateCodec}), in
 * {@code src/test/resources/io/streamnet/nn/state/golden/}: {@code model-state-v1-training.bin} (with the optimizer
 * section: AdamW's slots m and v, its step) and {@code model-state-v1-scoring.bin} (without it). Both hold
 * {@link #network}: a tiny embedding-bag network whose every stored value (weights, slots, step, generator state,
 * counters, frozen flags) is set by a formula rather than by training, so what the test expects depends on neither
 * the GEMM kernel of the JVM (kernels differ in float rounding) nor on initializers or optimizer maths, only on the
 * format. They were written once by {@link #writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, which never
 * overwrites). Never regenerate them: a reader that fails on them no longer reads states written by this version. A
 * new format version gets new files ({@code model-state-v2-*.bin}) beside these, which stay and must keep being read.
 */
class ModelStateCodecGoldenTest {
    static final String TRAINING = "model-state-v1-training.bin";
    static final String SCORING = "model-state-v1-scoring.bin";
    static final String SPEC_YAML = """
            name: golden-snnm
            seed: 11
            inputs:
              - {name: tokens, type: sparse_ids, vocab: 10}
            layers:
              - {type: embedding_bag, name: emb, input: tokens, dim: 4, mode: mean}
              - {type: dense, name: hidden, units: 3, activation: relu}
              - {type: dropout, name: drop, rate: 0.25}
              - {type: dense, name: out, units: 1}
            loss: bce_with_logits
            optimizer: {type: adamw, lr: 0.01, weight_decay: 0.001, clip_norm: 1.0, warmup_steps: 5}
            """;
    static final List<String> NAMES = List.of("emb.table", "hidden.weight", "hidden.bias", "out.weight", "out.bias");
    static final long STEPS = 7;
    static final long RNG_STATE = 0x1234_5678_9abc_def0L;
    static final long[] COUNTERS = {7, 224, 1, 2};
    static final int NAN_WITH_PAYLOAD = 0x7fc00123;

    /** Value {@code k} of parameter {@code param}: its weights ({@code slot} 0) or optimizer slot {@code slot - 1}. */
    static float value(int param, int slot, int k) {
        // distinct, sign-alternating and not round: a swapped parameter, slot, sign or byte order shows up
        double v = (param + 1) * 0.0625 + (slot + 1) * 0.00390625 * (k + 1) + k * 1e-3;
        return (float) (k % 2 == 0 ? v : -v);
    }

    /** The network the golden files hold: every value from {@link #value}, plus bit patterns a codec could lose. */
    static Network network(boolean trainable) {
        Network net = Network.withoutInitialization(NetworkSpec.fromYaml(SPEC_YAML), trainable);
        List<Parameter> params = net.parameters();
        for (int p = 0; p < params.size(); p++) {
            float[] w = params.get(p).value();
            for (int k = 0; k < w.length; k++) w[k] = value(p, 0, k);
            if (!trainable) continue;
            for (int s = 0; s < net.optimizer().slotNames().length; s++) {
                float[] slot = net.optimizer().slot(p, s);
                for (int k = 0; k < slot.length; k++) slot[k] = value(p, s + 1, k);
            }
        }
        net.parameter("out.bias").value()[0] = Float.intBitsToFloat(NAN_WITH_PAYLOAD);
        net.parameter("hidden.bias").value()[1] = -0.0f;
        net.parameter("emb.table").value()[0] = Float.MIN_VALUE; // subnormal
        net.setFrozen("hidden", true);
        if (trainable) net.optimizer().setSteps(STEPS);
        net.rng().setState(RNG_STATE);
        net.counters().restore(COUNTERS[0], COUNTERS[1], COUNTERS[2], COUNTERS[3]);
        return net;
    }

    static byte[] golden(String name) throws IOException {
        try (InputStream in = ModelStateCodecGoldenTest.class.getResourceAsStream("golden/" + name)) {
            assertNotNull(in, "golden file " + name + " is missing");
            return in.readAllBytes();
        }
    }

    @Test
    void theTrainingStateDecodesToEveryStoredValue() throws IOException {
        byte[] bytes = golden(TRAINING);
        assertHeader(bytes, 1);
        Network net = ModelStateCodec.decode(bytes);
        assertSameState(network(true), net);
        Optimizer opt = net.optimizer();
        assertEquals("adamw", opt.name());
        assertArrayEquals(new String[] {"m", "v"}, opt.slotNames());
        assertEquals(STEPS, opt.steps());
        Network expected = network(true);
        for (int p = 0; p < NAMES.size(); p++) {
            for (int s = 0; s < 2; s++) {
                assertBits(expected.optimizer().slot(p, s), opt.slot(p, s), NAMES.get(p) + " slot " + s);
            }
        }
    }

    @Test
    void theScoringStateDecodesToTheWeightsWithoutOptimizer() throws IOException {
        byte[] bytes = golden(SCORING);
        assertHeader(bytes, 0);
        Network net = ModelStateCodec.decode(bytes);
        assertNull(net.optimizer());
        assertSameState(network(false), net);
    }

    @Test
    void reEncodingGivesTheGoldenBytes() throws IOException {
        // the format is canonical: a writer that changed (e.g. the spec's canonical JSON) fails here, not silently.
        // Pinned to the version today's writer writes: a new version moves it to its own files; the reading stays.
        for (String name : List.of(TRAINING, SCORING)) {
            byte[] bytes = golden(name);
            assertArrayEquals(bytes, ModelStateCodec.encode(ModelStateCodec.decode(bytes)), name);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "streamnet.golden.write", matches = "true")
    void writeGoldenFiles() throws IOException {
        Path dir = Path.of("src/test/resources/io/streamnet/nn/state/golden");
        Files.createDirectories(dir);
        // CREATE_NEW: a golden file, once written, is never replaced
        Files.write(dir.resolve(TRAINING), ModelStateCodec.encode(network(true), true), StandardOpenOption.CREATE_NEW);
        Files.write(dir.resolve(SCORING), ModelStateCodec.encode(network(true), false), StandardOpenOption.CREATE_NEW);
    }

    /** The header as the format's javadoc documents it, read without the codec. */
    private static void assertHeader(byte[] bytes, int flags) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals("SNNM", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt(4), "format version");
        assertEquals(flags, b.getInt(8), "flags");
    }

    private static void assertSameState(Network expected, Network actual) {
        assertEquals(expected.spec(), actual.spec());
        assertEquals(RNG_STATE, actual.rng().state());
        var c = actual.counters();
        assertArrayEquals(COUNTERS, new long[] {c.trainedBatches(), c.trainedExamples(), c.rejectedNonFiniteLoss(),
                c.rejectedNonFiniteGradient()});
        assertEquals(NAMES, actual.parameters().stream().map(Parameter::name).toList());
        for (int p = 0; p < NAMES.size(); p++) {
            Parameter e = expected.parameters().get(p);
            Parameter a = actual.parameters().get(p);
            assertEquals(e.shapeString(), a.shapeString(), e.name());
            assertEquals(e.name().startsWith("hidden."), a.frozen(), e.name() + " frozen");
            assertBits(e.value(), a.value(), e.name());
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(actual[k]),
                    what + "[" + k + "]");
        }
    }
}
