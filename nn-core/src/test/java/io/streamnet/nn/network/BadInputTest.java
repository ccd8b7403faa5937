package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.testing.SyntheticBags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad values never reach the weights: rejected with field and index, or (non-finite loss/gradient) reported and skipped. */
class BadInputTest {

    /** Everything a step may change except counters: weights, slots, step, generator. */
    record Fingerprint(List<int[]> bits, long steps, long rng) {
        static Fingerprint of(Network net) {
            List<int[]> bits = new ArrayList<>();
            Optimizer o = net.optimizer();
            for (int i = 0; i < net.parameters().size(); i++) {
                bits.add(raw(net.parameters().get(i).value()));
                for (int s = 0; s < o.slotNames().length; s++) bits.add(raw(o.slot(i, s)));
            }
            return new Fingerprint(bits, o.steps(), net.rng().state());
        }

        static int[] raw(float[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) r[i] = Float.floatToRawIntBits(a[i]);
            return r;
        }

        void assertSame(Fingerprint other) {
            assertEquals(bits.size(), other.bits.size());
            for (int i = 0; i < bits.size(); i++) assertArrayEquals(bits.get(i), other.bits.get(i), "array " + i + " changed");
            assertEquals(steps, other.steps, "optimizer steps");
        }
    }

    static NetworkSpec mixedSpec() {
        return NetworkSpec.builder().seed(5)
                .denseInput("x", 3)
                .idsInput("user", 10)
                .sparseInput("tokens", 20)
                .embedding("u", "user", 2)
                .embeddingBag("t", "tokens", 2, "mean")
                .layer(new io.streamnet.nn.spec.LayerSpec.Dense("h", List.of("x"), 4, "relu", 0.01, true, null, false))
                .concat("c", "u", "t", "h")
                .dense("out", 1)
                .loss("bce_with_logits")
                .optimizer(OptimizerSpec.adam(0.01))
                .build();
    }

    static void fillValid(Batch b) {
        b.start(4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) b.dense("x").set(i, j, 0.1f * (i + j));
            b.ids("user").set(i, i);
            b.sparse("tokens").add(i).add(i + 5, 0.5f).endExample();
            b.targets().set(i, i % 2);
        }
    }

    private void assertRejected(Consumer<Batch> corrupt, String field, int index, String detail) {
        Network net = Network.build(mixedSpec());
        Batch b = net.newBatch();
        fillValid(b);
        net.trainBatch(b); // some optimizer state to protect
        fillValid(b);
        corrupt.accept(b);
        Fingerprint before = Fingerprint.of(net);
        InvalidBatchException e = assertThrows(InvalidBatchException.class, () -> net.trainBatch(b));
        assertEquals(field, e.field());
        assertEquals(index, e.index());
        assertTrue(e.getMessage().startsWith(field + (index >= 0 ? ", example " + index : "") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        before.assertSame(Fingerprint.of(net));
        assertEquals(before.rng(), net.rng().state());
        assertEquals(1, net.counters().trainedBatches());
        assertEquals(0, net.counters().rejectedBatches(), "invalid input is an error for the caller, not a rejected batch");
    }

    @Test
    void nonFiniteFeaturesAreRejectedWithFieldAndIndex() {
        assertRejected(b -> b.dense("x").set(2, 1, Float.NaN), "input 'x'", 2, "feature 1 is NaN");
        assertRejected(b -> b.dense("x").set(3, 0, Float.NEGATIVE_INFINITY), "input 'x'", 3, "feature 0 is -Infinity");
    }

    @Test
    void nonFiniteOrInvalidTargetsAreRejected() {
        assertRejected(b -> b.targets().set(1, Float.POSITIVE_INFINITY), "targets", 1, "value Infinity is not finite");
        assertRejected(b -> b.targets().set(0, Float.NaN), "targets", 0, "NaN");
        assertRejected(b -> b.targets().set(2, 2f), "targets", 2, "outside [0, 1]");
    }

    @Test
    void idsOutOfRangeAndBadWeightsAreRejected() {
        assertRejected(b -> b.ids("user").set(3, 10), "input 'user'", 3, "id 10 is outside [0, 10)");
        assertRejected(b -> b.ids("user").set(0, -1), "input 'user'", 0, "id -1");
        assertRejected(b -> {
            b.sparse("tokens").clear();
            for (int i = 0; i < 4; i++) b.sparse("tokens").add(i == 2 ? 20 : i).endExample();
        }, "input 'tokens'", 2, "id 20 (position 0) is outside [0, 20)");
        // Unweighted bags take a vectorised range check first: both bounds, the extreme id, and a later position.
        assertRejected(b -> {
            b.sparse("tokens").clear();
            for (int i = 0; i < 4; i++) b.sparse("tokens").add(19).add(i == 3 ? -1 : 0).endExample();
        }, "input 'tokens'", 3, "id -1 (position 1) is outside [0, 20)");
        assertRejected(b -> {
            b.sparse("tokens").clear();
            for (int i = 0; i < 4; i++) b.sparse("tokens").add(i == 1 ? Integer.MIN_VALUE : 19).endExample();
        }, "input 'tokens'", 1, "id " + Integer.MIN_VALUE + " (position 0)");
        assertRejected(b -> b.sparse("tokens").weights()[3] = Float.NaN, "input 'tokens'", 1, "weight of id 6 (position 1) is NaN");
        assertRejected(b -> b.setWeight(3, Float.NaN), "weights", 3, "must be finite");
        assertRejected(b -> b.setWeight(1, -1f), "weights", 1, "must be finite and >= 0");
    }

    @Test
    void theLastIdOfTheVocabularyIsAccepted() {
        Network net = Network.build(mixedSpec());
        Batch b = net.newBatch();
        fillValid(b);
        b.sparse("tokens").clear();
        for (int i = 0; i < 4; i++) b.sparse("tokens").add(19).add(0).endExample();
        net.trainBatch(b);
        assertEquals(1, net.counters().trainedBatches());
    }

    @Test
    void shapesAndCountsAreChecked() {
        assertRejected(b -> b.dense("x").resize2(4, 2), "input 'x'", -1, "has shape [4, 2], expected [4, 3]");
        assertRejected(b -> b.sparse("tokens").add(1), "input 'tokens'", 4, "1 ids not closed by endExample()");
        assertRejected(b -> b.sparse("tokens").add(1).endExample(), "input 'tokens'", -1, "holds 5 examples, the batch has 4");
        Network net = Network.build(mixedSpec());
        InvalidBatchException e = assertThrows(InvalidBatchException.class, () -> net.trainBatch(net.newBatch()));
        assertEquals("batch", e.field());
        assertThrows(InvalidBatchException.class, () -> {
            Batch b = net.newBatch();
            fillValid(b);
            b.dense("x").set(0, 0, Float.NaN);
            net.predict(b);
        }, "predict checks inputs too");
    }

    @Test
    void aBatchWithNonFiniteLossLeavesEverythingUntouchedAndIsReported() {
        // An absurd learning rate blows the weights up; the first batch whose loss is not finite must change nothing.
        NetworkSpec spec = SyntheticBags.smallSentimentSpec(100, OptimizerSpec.sgd(1e30));
        Network net = Network.build(spec);
        Batch b = net.newBatch();
        SyntheticBags data = new SyntheticBags(7, 100, 10);
        TrainResult r = null;
        Fingerprint before = null;
        for (int i = 0; i < 50; i++) {
            data.fill(b, 8);
            before = Fingerprint.of(net);
            r = net.trainBatch(b);
            if (!r.trained()) break;
        }
        assertTrue(r != null && !r.trained(), "an absurd learning rate must end in a rejected batch");
        assertEquals(TrainStatus.REJECTED_NONFINITE_LOSS, r.status());
        assertTrue(!Double.isFinite(r.loss()));
        before.assertSame(Fingerprint.of(net));
        assertEquals(1, net.counters().rejectedNonFiniteLoss());
        assertEquals(r.step(), net.optimizer().steps());
    }

    @Test
    void anInjectedInfinityIsRejectedAsANonFiniteLoss() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.adam(0.01)));
        Batch b = net.newBatch();
        new SyntheticBags(8, 100, 10).fill(b, 8);
        assertTrue(net.trainBatch(b).trained());
        net.parameter("out.bias").value()[0] = Float.POSITIVE_INFINITY;
        Fingerprint before = Fingerprint.of(net);
        TrainResult r = net.trainBatch(b);
        assertEquals(TrainStatus.REJECTED_NONFINITE_LOSS, r.status());
        before.assertSame(Fingerprint.of(net));
        assertEquals(1, net.counters().rejectedBatches());
        assertEquals(1, net.counters().trainedBatches());
    }

    @Test
    void aBatchAboveTheLossCeilingIsNotAppliedAndIsNotCountedAsNonFinite() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(100, OptimizerSpec.adam(0.01)));
        Batch b = net.newBatch();
        new SyntheticBags(8, 100, 10).fill(b, 8);
        assertTrue(net.trainBatch(b).trained());
        double loss = net.evaluateLoss(b);
        Fingerprint before = Fingerprint.of(net);
        TrainResult r = net.trainBatch(b, loss * 0.5);
        assertEquals(TrainStatus.REJECTED_LOSS_ABOVE_LIMIT, r.status());
        assertTrue(r.loss() > loss * 0.5, "the result reports the refused loss");
        before.assertSame(Fingerprint.of(net));
        assertEquals(0, net.counters().rejectedBatches());
        assertEquals(1, net.counters().trainedBatches());
        assertTrue(net.trainBatch(b, loss * 2).trained(), "below the ceiling the batch is applied");
    }

    @Test
    void aBatchWithFiniteLossButNonFiniteGradientIsRejected() {
        // MSE on one huge feature: the loss (in double) is finite, dL/dW = x * 2 (z - y) overflows float.
        NetworkSpec spec = NetworkSpec.builder().seed(1).denseInput("x", 1)
                .dense("out", 1, "identity", InitSpec.zeros()).loss("mse").optimizer(OptimizerSpec.sgd(0.1)).build();
        Network net = Network.build(spec);
        Parameter w = net.parameter("out.weight");
        w.value()[0] = 1f;
        Batch b = net.newBatch();
        b.start(1);
        b.dense("x").set(0, 0, 1e20f);
        b.targets().set(0, 0f);
        Fingerprint before = Fingerprint.of(net);
        TrainResult r = net.trainBatch(b);
        assertEquals(TrainStatus.REJECTED_NONFINITE_GRADIENT, r.status());
        assertTrue(Double.isFinite(r.loss()), "loss " + r.loss());
        before.assertSame(Fingerprint.of(net));
        assertEquals(1, net.counters().rejectedNonFiniteGradient());
    }
}
