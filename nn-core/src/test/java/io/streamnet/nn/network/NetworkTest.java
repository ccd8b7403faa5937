package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.spec.ReferenceSpecs;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.SyntheticBags;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network API: reference models, predictions, freezing, allocation-free steps. */
class NetworkTest {

    @Test
    void referenceModelsHaveTheExpectedParameterCounts() {
        assertEquals(6040L * 32 + 3706 * 32 + 64 * 128 + 128 + 128 * 64 + 64 + 64 + 1, Network.build(ReferenceSpecs.recommendation()).parameterCount());
        assertEquals(256L * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10, Network.build(ReferenceSpecs.dense()).parameterCount());
        // Model S for scoring only: its Adam slots would need another 128 MB.
        Network s = Network.forScoring(ReferenceSpecs.sentiment());
        assertEquals((1L << 18) * 64 + 64 * 64 + 64 + 64 + 1, s.parameterCount());
        assertTrue(s.parameter("emb.table").isSparse());
    }

    @Test
    void referenceModelsTrainOneBatch() {
        Rng rng = new Rng(1);
        Network r = Network.build(ReferenceSpecs.recommendation());
        Batch rb = r.newBatch();
        rb.start(32);
        for (int i = 0; i < 32; i++) {
            rb.ids("user").set(i, rng.nextInt(6040));
            rb.ids("item").set(i, rng.nextInt(3706));
            rb.targets().set(i, rng.nextInt(2));
        }
        assertTrue(r.trainBatch(rb).trained());

        Network d = Network.build(ReferenceSpecs.dense());
        Batch db = d.newBatch();
        db.start(16);
        for (int k = 0; k < 16 * 256; k++) db.dense("x").data()[k] = (float) rng.nextGaussian();
        for (int i = 0; i < 16; i++) db.targets().setClass(i, rng.nextInt(10));
        TrainResult first = d.trainBatch(db);
        assertTrue(first.trained());
        TrainResult last = first;
        for (int i = 0; i < 20; i++) last = d.trainBatch(db);
        assertTrue(last.loss() < first.loss() / 4, "D fits one batch: " + first.loss() + " -> " + last.loss());
        Tensor p = d.predict(db);
        for (int i = 0; i < 16; i++) {
            double sum = 0;
            for (int j = 0; j < 10; j++) sum += p.get(i, j);
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void predictGivesProbabilitiesAndTrainingPredictionsMatchThePreUpdateModel() {
        NetworkSpec spec = NetworkSpec.builder().seed(3).sparseInput("tokens", 50)
                .embeddingBag("emb", "tokens", 8, "mean").dense("hidden", 8, "relu").dense("out", 1)
                .loss("bce_with_logits").optimizer(OptimizerSpec.sgd(0.5)).build();
        Network net = Network.build(spec);
        Batch b = net.newBatch();
        new SyntheticBags(4, 50, 8).fill(b, 16);
        float[] before = net.predict(b).toArray();
        for (float v : before) assertTrue(v > 0f && v < 1f);
        float[] copy = new float[16];
        net.predict(b, copy);
        assertArrayEquals(before, copy);
        net.trainBatch(b);
        assertArrayEquals(before, net.lastTrainingPredictions().toArray(), "no dropout: the training forward is the pre-update predict");
        assertNotEquals(before[0], net.predict(b).toArray()[0], "the update changed the model");
    }

    @Test
    void frozenLayersStayBitIdentical() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.adamw(0.05)));
        net.setFrozen("emb", true);
        net.setFrozen("hidden", true);
        float[] table = net.parameter("emb.table").value().clone();
        float[] hidden = net.parameter("hidden.weight").value().clone();
        float[] out = net.parameter("out.weight").value().clone();
        Batch b = net.newBatch();
        SyntheticBags data = new SyntheticBags(5, 100, 10);
        for (int i = 0; i < 5; i++) {
            data.fill(b, 8);
            net.trainBatch(b);
        }
        assertArrayEquals(table, net.parameter("emb.table").value());
        assertArrayEquals(hidden, net.parameter("hidden.weight").value());
        assertTrue(!java.util.Arrays.equals(out, net.parameter("out.weight").value()), "the unfrozen output layer trains");
        net.setFrozen("emb", false);
        data.fill(b, 8);
        net.trainBatch(b);
        assertTrue(!java.util.Arrays.equals(table, net.parameter("emb.table").value()), "unfrozen again, the table trains");
        // Frozen in the spec, too.
        NetworkSpec frozenSpec = net.spec().withLayer(((io.streamnet.nn.spec.LayerSpec.Dense) net.spec().layer("hidden")).withFrozen(true));
        Network fromSpec = Network.build(frozenSpec);
        assertTrue(fromSpec.parameter("hidden.weight").frozen());
        assertTrue(fromSpec.parameter("hidden.bias").frozen());
    }

    @Test
    void batchesGrowAndShrinkWithoutStaleData() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.adam(0.01)));
        Network twin = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.adam(0.01)));
        Batch reused = net.newBatch();
        SyntheticBags d1 = new SyntheticBags(9, 100, 10);
        SyntheticBags d2 = new SyntheticBags(9, 100, 10);
        for (int n : new int[] {3, 64, 1, 17, 200, 2}) {
            d1.fill(reused, n);
            Batch fresh = twin.newBatch();
            d2.fill(fresh, n);
            assertEquals(twin.trainBatch(fresh).loss(), net.trainBatch(reused).loss(), 0.0, "batch size " + n);
        }
        assertArrayEquals(ModelStateCodec.encode(twin), ModelStateCodec.encode(net));
    }

    @Test
    void parametersAreNamedAfterTheirLayers() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.sgd(0.1)));
        assertEquals(java.util.List.of("emb.table", "hidden.weight", "hidden.bias", "out.weight", "out.bias"),
                net.parameters().stream().map(Parameter::name).toList());
        assertEquals(java.util.List.of("emb", "hidden", "drop", "out"), net.layerNames());
        assertEquals(1, net.outputWidth());
    }
}
