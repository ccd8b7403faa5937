package io.streamnet.nn.layer;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.IdColumn;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network of {@code textcnn-sst2.yaml} (2^16 buckets instead of 2^20) with the Vector API window kernel and
 * with the plain loops, side by side over 60 training steps of batches of 1-40 examples of lengths 0-50 (empty,
 * shorter than the widths, padded): the raw bits of every prediction and every weight at the end are the same.
 */
class TextCnnPredictionBitsTest {
    private static final String SST2_SPEC = "/io/streamnet/nn/spec/textcnn-sst2.yaml";
    private static final int BUCKETS = 1 << 16;
    private static final int WIDTH = 50;

    /** textcnn-sst2.yaml's network, its 2^20 hash buckets made 2^16 (the featurizer's and the input's). */
    static NetworkSpec spec() {
        String yaml = new String(readResource(SST2_SPEC), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("2^20"), "the spec's buckets");
        return RunnerSpec.parse(yaml.replace("2^20", "2^16"), false, SST2_SPEC).network();
    }

    @Test
    void vectorAndLoopKernelsTrainTheSameNetwork() {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "needs --add-modules jdk.incubator.vector");
        Network loops = Network.build(spec());
        Network vector = Network.build(spec());
        ((Conv1DMaxPool) loops.layer("cnn")).useWindowMax(new WindowMaxKernel(128, 100, new int[] {1, 2, 3, 4}));
        ((Conv1DMaxPool) vector.layer("cnn")).useWindowMax(new VectorWindowMax(128, 100, new int[] {1, 2, 3, 4}));
        Rng rng = new Rng(7);
        Batch a = loops.newBatch();
        Batch b = vector.newBatch();
        for (int step = 0; step < 60; step++) {
            int n = 1 + rng.nextInt(40);
            long seed = rng.nextLong();
            fill(a, n, new Rng(seed));
            fill(b, n, new Rng(seed));
            float[] expected = loops.predict(a).toArray();
            float[] actual = vector.predict(b).toArray();
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        "step " + step + ", example " + i);
            }
            loops.trainBatch(a);
            vector.trainBatch(b);
        }
        assertBitIdentical(loops, vector, "after 60 steps");
    }

    /** n examples: lengths 0-50 (a few empty, many shorter than a width), padding of other ids, random labels. */
    private static void fill(Batch batch, int n, Rng rng) {
        batch.start(n);
        IdColumn ids = batch.ids("tokens");
        for (int i = 0; i < n; i++) {
            int len = rng.nextInt(4) == 0 ? rng.nextInt(5) : rng.nextInt(WIDTH + 1);
            for (int k = 0; k < WIDTH; k++) ids.set(i, k, k < len ? rng.nextInt(BUCKETS) : (k * 31) % BUCKETS);
            ids.setLength(i, len);
            batch.targets().set(i, rng.nextInt(2));
        }
    }

    private static byte[] readResource(String name) {
        try (var in = TextCnnPredictionBitsTest.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
