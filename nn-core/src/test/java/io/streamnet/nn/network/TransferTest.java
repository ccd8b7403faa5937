package io.streamnet.nn.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.TransferSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.testing.SyntheticBags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfer learning: starting from another model's layers, frozen layers, per-layer learning rates. */
class TransferTest {
    private static final int VOCAB = 200;

    @TempDir
    Path dir;

    /** A source model trained a few steps (so its weights differ from any fresh initialization), saved to a file. */
    private Path trainedSource(NetworkSpec spec) throws IOException {
        Network src = Network.build(spec.withSeed(7));
        train(src, 5, 1);
        Path file = dir.resolve("source.snnm");
        Files.write(file, ModelStateCodec.encode(src));
        return file;
    }

    private static void train(Network net, int batches, long seed) {
        Batch b = net.newBatch();
        SyntheticBags data = new SyntheticBags(seed, VOCAB, 10);
        for (int i = 0; i < batches; i++) {
            data.fill(b, 8);
            assertEquals(TrainStatus.TRAINED, net.trainBatch(b).status());
        }
    }

    private static NetworkSpec spec(OptimizerSpec opt) {
        return SyntheticBags.smallSentimentSpec(VOCAB, opt);
    }

    @Test
    void namedLayersComeFromTheSourceAndTheOthersAreFresh() throws IOException {
        Path file = trainedSource(spec(OptimizerSpec.adam(0.05)));
        Network source = ModelStateCodec.decode(Files.readAllBytes(file));
        NetworkSpec target = spec(OptimizerSpec.sgd(0.1)).withTransfer(new TransferSpec(file.toString(), List.of("emb", "hidden")));
        Network net = Network.build(target);
        Network fresh = Network.build(target.withTransfer(null));
        for (String p : List.of("emb.table", "hidden.weight", "hidden.bias")) {
            assertArrayEquals(source.parameter(p).value(), net.parameter(p).value(), p + " is the source's");
            assertFalse(Arrays.equals(fresh.parameter(p).value(), net.parameter(p).value()), p + " differs from a fresh one");
        }
        for (String p : List.of("out.weight", "out.bias")) {
            assertArrayEquals(fresh.parameter(p).value(), net.parameter(p).value(), p + " is freshly initialized from the spec's seed");
        }
        assertEquals(0, net.optimizer().steps(), "the optimizer starts fresh");
        // Without layers: every layer.
        Network all = Network.build(target.withTransfer(new TransferSpec(file.toString(), List.of())));
        for (Parameter p : source.parameters()) assertArrayEquals(p.value(), all.parameter(p.name()).value(), p.name());
    }

    @Test
    void aNewHeadOfAnotherSizeIsFreshAndLoadingItAnywayNamesTheParameter() throws IOException {
        Path file = trainedSource(spec(OptimizerSpec.adam(0.05)));
        NetworkSpec base = spec(OptimizerSpec.adam(0.05));
        NetworkSpec threeClasses = new NetworkSpec("", 42, base.inputs(),
                base.layers().stream().map(l -> l.name().equals("out") ? new LayerSpec.Dense("out", 3, "identity") : l).toList(),
                new io.streamnet.nn.spec.LossSpec("softmax_cross_entropy"), base.optimizer()).validate();
        Network net = Network.build(threeClasses.withTransfer(new TransferSpec(file.toString(), List.of("emb", "hidden"))));
        assertEquals(3, net.outputWidth());
        train3(net);
        SpecException e = assertThrows(SpecException.class,
                () -> Network.build(threeClasses.withTransfer(new TransferSpec(file.toString(), List.of()))));
        assertTrue(e.getMessage().contains("layer 'out'") && e.getMessage().contains("'out.weight'")
                && e.getMessage().contains("[16, 3]") && e.getMessage().contains("[16, 1]"), e.getMessage());
        SpecException named = assertThrows(SpecException.class,
                () -> Network.build(threeClasses.withTransfer(new TransferSpec(file.toString(), List.of("emb", "out")))));
        assertEquals("transfer.layers[1]", named.location(), named.getMessage());
    }

    private static void train3(Network net) {
        Batch b = net.newBatch();
        b.start(4);
        var bag = b.sparse("tokens");
        for (int i = 0; i < 4; i++) {
            bag.add(i * 7);
            bag.add(i * 7 + 1);
            bag.endExample();
            b.targets().setClass(i, i % 3);
        }
        assertEquals(TrainStatus.TRAINED, net.trainBatch(b).status());
    }

    @Test
    void aLayerMissingFromTheSourceOrAMissingFileIsNamed() throws IOException {
        Path file = trainedSource(spec(OptimizerSpec.adam(0.05)));
        NetworkSpec base = spec(OptimizerSpec.adam(0.05));
        NetworkSpec renamed = new NetworkSpec("", 42, base.inputs(),
                base.layers().stream().map(l -> l.name().equals("hidden") ? new LayerSpec.Dense("hidden2", 16, "relu") : l)
                        .map(l -> l.name().equals("drop") ? new LayerSpec.Dropout("drop", List.of("hidden2"), 0.2) : l).toList(),
                base.loss(), base.optimizer()).validate();
        SpecException e = assertThrows(SpecException.class,
                () -> Network.build(renamed.withTransfer(new TransferSpec(file.toString(), List.of("hidden2")))));
        assertTrue(e.getMessage().contains("layer 'hidden2' is not in"), e.getMessage());
        SpecException missing = assertThrows(SpecException.class,
                () -> Network.build(base.withTransfer(new TransferSpec(dir.resolve("nope.snnm").toString(), List.of()))));
        assertEquals("transfer.from", missing.location());
    }

    /** Frozen in the spec, on top of a transfer: the loaded table and hidden layer stay bit-identical, slots untouched. */
    @Test
    void frozenTransferredLayersStayBitIdenticalWithLazySparseAdam() throws IOException {
        Path file = trainedSource(spec(OptimizerSpec.adam(0.05)));
        NetworkSpec base = spec(OptimizerSpec.adam(0.05)).withTransfer(new TransferSpec(file.toString(), List.of("emb", "hidden")));
        NetworkSpec frozen = base
                .withLayer(((LayerSpec.EmbeddingBag) base.layer("emb")).withFrozen(true))
                .withLayer(((LayerSpec.Dense) base.layer("hidden")).withFrozen(true));
        NetworkSpec read = NetworkSpec.fromYaml(frozen.toYaml());
        assertEquals(frozen, read, "frozen and transfer survive the spec's text form");
        Network net = Network.build(read);
        List<Parameter> ps = net.parameters();
        float[][] before = ps.stream().map(p -> p.value().clone()).toArray(float[][]::new);
        train(net, 20, 11);
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            boolean same = Arrays.equals(before[i], p.value());
            assertEquals(p.frozen(), same, p.name() + (p.frozen() ? " frozen: must not change" : " trains"));
            if (p.frozen()) {
                for (int s = 0; s < net.optimizer().slotNames().length; s++) {
                    float[] slot = net.optimizer().slot(i, s);
                    for (float v : slot) assertEquals(0f, v, p.name() + " slot " + s + " untouched");
                }
            }
        }
        assertTrue(net.parameter("emb.table").frozen() && net.parameter("hidden.bias").frozen() && !net.parameter("out.weight").frozen());
    }

    /** SGD without momentum: a layer's step is its group's scale times the plain step (same gradients, same start). */
    @Test
    void aGroupScalesItsLayersStepsOnly() {
        NetworkSpec plain = spec(OptimizerSpec.sgd(0.1));
        NetworkSpec grouped = plain.withOptimizer(plain.optimizer().withGroups(List.of(new OptimizerSpec.Group(List.of("emb", "out"), 0.25))));
        Network a = Network.build(plain);
        Network b = Network.build(grouped);
        float[][] start = a.parameters().stream().map(p -> p.value().clone()).toArray(float[][]::new);
        Batch batch = a.newBatch();
        new SyntheticBags(9, VOCAB, 10).fill(batch, 8);
        a.trainBatch(batch);
        b.trainBatch(batch);
        int changed = 0;
        for (int i = 0; i < start.length; i++) {
            Parameter pa = a.parameters().get(i);
            float[] wb = b.parameters().get(i).value();
            double scale = pa.layer().equals("emb") || pa.layer().equals("out") ? 0.25 : 1.0;
            for (int k = 0; k < start[i].length; k++) {
                double da = pa.value()[k] - start[i][k];
                double db = wb[k] - start[i][k];
                assertEquals(scale * da, db, 1e-6 + 1e-3 * Math.abs(da), pa.name() + "[" + k + "]");
                if (da != 0) changed++;
            }
        }
        assertTrue(changed > 100, "the step moved weights: " + changed);
    }

    /** Adam: a group's {@code lr} is the rate of its layers (Adam's step size and bias correction follow it). */
    @Test
    void anAdamGroupLrEqualsThatGlobalRate() {
        NetworkSpec fast = spec(OptimizerSpec.adam(0.01));
        NetworkSpec mixed = NetworkSpec.fromYaml(fast.toYaml().replace("warmup_steps: 0", "warmup_steps: 0\n  groups: [{layers: [out], lr: 0.001}]"));
        assertEquals(0.1, mixed.optimizer().lrScale("out"), 1e-12);
        Batch batch = Network.build(mixed).newBatch();
        new SyntheticBags(4, VOCAB, 10).fill(batch, 8);
        Network m1 = Network.build(mixed);
        Network s1 = Network.build(fast.withOptimizer(OptimizerSpec.adam(0.001)));
        Network f1 = Network.build(fast);
        m1.trainBatch(batch);
        s1.trainBatch(batch);
        f1.trainBatch(batch);
        assertArrayEquals(s1.parameter("out.weight").value(), m1.parameter("out.weight").value(), 1e-7f, "out at lr 0.001");
        assertArrayEquals(f1.parameter("hidden.weight").value(), m1.parameter("hidden.weight").value(), 0f, "hidden at lr 0.01, unchanged");
        assertFalse(Arrays.equals(f1.parameter("out.weight").value(), m1.parameter("out.weight").value()));
    }
}
