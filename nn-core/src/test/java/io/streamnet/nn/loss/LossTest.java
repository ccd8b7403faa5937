package io.streamnet.nn.loss;

import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss values against hand computations, gradients against finite differences, numerical stability. */
class LossTest {
    private final Tensor grad = new Tensor();
    private final Tensor pred = new Tensor();

    private void checkGradient(String what, Loss loss, Tensor z, Targets t, float[] w) {
        Rng rng = new Rng(3);
        loss.lossAndGradient(z, t, w, grad, pred);
        float[] g = grad.toArray();
        GradientCheck.check(what, z.data(), z.size(), g, () -> loss.lossAndGradient(z, t, w, grad, pred), null, 100, rng);
    }

    @Test
    void mseValueAndGradient() {
        Loss mse = new MeanSquaredError();
        Tensor z = Tensor.of(2, 2, 1f, 2f, 3f, 5f);
        Targets t = Targets.values(2).resize(2);
        t.set(0, 0, 0f); t.set(0, 1, 2f); t.set(1, 0, 1f); t.set(1, 1, 1f);
        // (1 + 0 + 4 + 16) / 4
        assertEquals(21.0 / 4, mse.lossAndGradient(z, t, null, grad, pred), 1e-9);
        assertEquals(2 * 1f / 4, grad.get(0, 0), 1e-7);
        assertEquals(2 * 4f / 4, grad.get(1, 1), 1e-7);
        assertEquals(5f, pred.get(1, 1));
        // weights: sum w_b l_b / count
        float[] w = {2f, 0f};
        assertEquals(2 * 1.0 / 4, mse.lossAndGradient(z, t, w, grad, pred), 1e-9);
        assertEquals(0f, grad.get(1, 1));
        checkGradient("mse", mse, Tensor.of(2, 2, 0.3f, -1.2f, 2f, 0.1f), t, null);
        checkGradient("mse weighted", mse, Tensor.of(2, 2, 0.3f, -1.2f, 2f, 0.1f), t, new float[] {0.5f, 2f});
    }

    @Test
    void bceWithLogitsValueGradientAndStability() {
        Loss bce = new BinaryCrossEntropyWithLogits();
        Targets t = Targets.values(1).resize(3);
        t.set(0, 1f); t.set(1, 0f); t.set(2, 0.25f);
        Tensor z = Tensor.of(3, 1, 0.5f, -2f, 1f);
        double expected = 0;
        float[] zs = {0.5f, -2f, 1f};
        float[] ys = {1f, 0f, 0.25f};
        for (int i = 0; i < 3; i++) {
            double p = 1 / (1 + Math.exp(-zs[i]));
            expected += -(ys[i] * Math.log(p) + (1 - ys[i]) * Math.log(1 - p));
        }
        assertEquals(expected / 3, bce.lossAndGradient(z, t, null, grad, pred), 1e-7);
        assertEquals(1 / (1 + Math.exp(-0.5)), pred.get(0, 0), 1e-7);
        checkGradient("bce", bce, z, t, null);
        checkGradient("bce weighted", bce, Tensor.of(3, 1, 0.5f, -2f, 1f), t, new float[] {1f, 3f, 0.5f});

        // Huge logits: finite, exact limits (the naive log(sigmoid) would give -inf / NaN).
        Tensor big = Tensor.of(3, 1, 1000f, -1000f, 1000f);
        Targets tb = Targets.values(1).resize(3);
        tb.set(0, 1f); tb.set(1, 0f); tb.set(2, 0f);
        double l = bce.lossAndGradient(big, tb, null, grad, pred);
        assertEquals(1000.0 / 3, l, 1e-6, "only the wrong confident example costs, 1000 nats");
        assertEquals(0f, grad.get(0, 0));
        assertEquals(1f / 3, grad.get(2, 0), 1e-7);
        assertTrue(Float.isFinite(pred.get(1, 0)));
    }

    @Test
    void softmaxCrossEntropyValueGradientAndStability() {
        Loss ce = new SoftmaxCrossEntropy();
        Targets t = Targets.classes().resize(2);
        t.setClass(0, 2);
        t.setClass(1, 0);
        Tensor z = Tensor.of(2, 3, 1f, 2f, 3f, 0.5f, 0.5f, -1f);
        double e0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double e1 = Math.log(2 * Math.exp(0.5) + Math.exp(-1)) - 0.5;
        assertEquals((e0 + e1) / 2, ce.lossAndGradient(z, t, null, grad, pred), 1e-6);
        double sum = 0;
        for (int j = 0; j < 3; j++) sum += pred.get(0, j);
        assertEquals(1.0, sum, 1e-6);
        checkGradient("softmax_ce", ce, z, t, null);
        checkGradient("softmax_ce weighted", ce, Tensor.of(2, 3, 1f, 2f, 3f, 0.5f, 0.5f, -1f), t, new float[] {0.2f, 1.5f});

        Tensor big = Tensor.of(1, 3, 1e4f, -1e4f, 0f);
        Targets tb = Targets.classes().resize(1);
        tb.setClass(0, 1);
        assertEquals(2e4, ce.lossAndGradient(big, tb, null, grad, pred), 1e-2);
        assertEquals(1f, grad.get(0, 0), 1e-6);
        assertEquals(-1f, grad.get(0, 1), 1e-6);
    }

    @Test
    void targetChecksNameTheExample() {
        Targets t = Targets.values(1).resize(3);
        t.set(0, 1f); t.set(1, Float.NaN); t.set(2, 0f);
        TargetProblem p = new BinaryCrossEntropyWithLogits().checkTargets(t, 3, 1);
        assertNotNull(p);
        assertEquals(1, p.index());
        t.set(1, 1.5f);
        assertEquals(1, new BinaryCrossEntropyWithLogits().checkTargets(t, 3, 1).index());
        assertNull(new MeanSquaredError().checkTargets(t, 3, 1));
        t.set(2, Float.POSITIVE_INFINITY);
        assertEquals(2, new MeanSquaredError().checkTargets(t, 3, 1).index());
        Targets c = Targets.classes().resize(2);
        c.setClass(0, 9);
        c.setClass(1, 10);
        TargetProblem q = new SoftmaxCrossEntropy().checkTargets(c, 2, 10);
        assertEquals(1, q.index());
        assertTrue(q.problem().contains("10"));
    }
}
