package io.streamnet.nn.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** Input gradients ({@link Network#setInputGradientNeeded}) and steps from an external output gradient. */
class InputGradientTest {

    /** The dense input "x" feeds two layers (its gradient is a sum), next to ids and a bag. */
    private static NetworkSpec twoConsumers() {
        return NetworkSpec.builder().seed(7).denseInput("x", 4).idsInput("cat", 5)
                .embedding("e", "cat", 3)
                .layer(new io.streamnet.nn.spec.LayerSpec.Dense("h1", java.util.List.of("x"), 5, "tanh", 0.01, true, null, false))
                .layer(new io.streamnet.nn.spec.LayerSpec.Dense("h2", java.util.List.of("x"), 3, "gelu", 0.01, true, null, false))
                .concat("c", "e", "h1", "h2", "x")
                .dense("out", 2)
                .loss("bce_with_logits").optimizer(OptimizerSpec.adam(1e-2)).build();
    }

    private static void fill(Batch b, Rng rng) {
        b.start(3);
        GradientCheck.fillUniform(b.dense("x").data(), 12, 1.5, rng);
        for (int i = 0; i < 3; i++) {
            b.ids("cat").set(i, rng.nextInt(5));
            for (int j = 0; j < 2; j++) b.targets().set(i, j, rng.nextInt(2));
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        Network net = Network.build(twoConsumers());
        net.setInputGradientNeeded("x", true);
        Batch b = net.newBatch();
        Rng rng = new Rng(3);
        fill(b, rng);
        net.computeGradients(b);
        Tensor gx = net.inputGradient("x");
        assertEquals(3, gx.batchSize());
        assertEquals(12, gx.size());
        GradientCheck.check("d loss / d x", b.dense("x").data(), 12, gx.toArray(), () -> net.evaluateLoss(b), null, 12, rng);
    }

    @Test
    void requestingTheInputGradientChangesNoWeight() {
        Network plain = Network.build(twoConsumers());
        Network withGrad = Network.build(twoConsumers());
        withGrad.setInputGradientNeeded("x", true);
        Batch b = plain.newBatch();
        Rng rng = new Rng(4);
        for (int s = 0; s < 5; s++) {
            fill(b, rng);
            assertEquals(plain.trainBatch(b).loss(), withGrad.trainBatch(b).loss());
        }
        for (Parameter p : plain.parameters()) assertArrayEquals(p.value(), withGrad.parameter(p.name()).value(), p.name());
    }

    /** A step from an external gradient equal to the loss's own gradient is exactly trainBatch's step. */
    @Test
    void externalGradientStepEqualsTrainBatch() {
        Network a = Network.build(twoConsumers());
        Network b = Network.build(twoConsumers());
        Batch batch = a.newBatch();
        fill(batch, new Rng(5));
        Tensor logits = b.forwardForTraining(batch);
        Tensor grad = new Tensor();
        b.loss().lossAndGradient(logits, batch.targets(), null, grad, new Tensor());
        assertTrue(a.trainBatch(batch).trained());
        TrainResult r = b.trainFromOutputGradient(grad);
        assertTrue(r.trained());
        assertEquals(1, r.step());
        for (Parameter p : a.parameters()) assertArrayEquals(p.value(), b.parameter(p.name()).value(), p.name());
        assertThrows(IllegalStateException.class, () -> b.trainFromOutputGradient(grad), "one forward serves one step");
    }

    @Test
    void nonFiniteExternalGradientIsRefused() {
        Network net = Network.build(twoConsumers());
        Batch batch = net.newBatch();
        fill(batch, new Rng(6));
        float[] before = net.parameter("out.weight").value().clone();
        net.forwardForTraining(batch);
        Tensor grad = Tensor.matrix(3, 2);
        grad.data()[1] = Float.NaN;
        assertEquals(TrainStatus.REJECTED_NONFINITE_GRADIENT, net.trainFromOutputGradient(grad).status());
        assertArrayEquals(before, net.parameter("out.weight").value());
        assertEquals(1, net.counters().rejectedNonFiniteGradient());
        net.forwardForTraining(batch);
        assertThrows(IllegalArgumentException.class, () -> net.trainFromOutputGradient(Tensor.matrix(3, 1)));
    }

    @Test
    void onlyDenseInputsHaveGradients() {
        Network net = Network.build(twoConsumers());
        assertThrows(IllegalArgumentException.class, () -> net.setInputGradientNeeded("cat", true));
        assertThrows(IllegalArgumentException.class, () -> net.setInputGradientNeeded("nope", true));
        assertThrows(IllegalStateException.class, () -> net.inputGradient("x"));
    }
}
