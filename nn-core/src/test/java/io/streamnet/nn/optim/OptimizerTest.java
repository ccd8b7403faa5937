package io.streamnet.nn.optim;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each optimizer against steps computed by hand on w = [1, -2], g = [0.5, 0.25]. */
class OptimizerTest {
    private static final float EPS = 1e-6f;

    private static Parameter param() {
        Parameter p = Parameter.dense("l", "w", 1, 2);
        p.value()[0] = 1f;
        p.value()[1] = -2f;
        p.grad()[0] = 0.5f;
        p.grad()[1] = 0.25f;
        return p;
    }

    private static LearningRateSchedule lr(double r) {
        return LearningRateSchedule.constant(r);
    }

    private static void step(Optimizer o) {
        o.step(o.gradientNorm());
    }

    @Test
    void plainSgd() {
        Parameter p = param();
        Sgd o = new Sgd(List.of(p), lr(0.1), 0f, false, 0f, 0f);
        assertEquals(0, o.slotNames().length, "plain SGD keeps no slots");
        step(o);
        assertArrayEquals(new float[] {0.95f, -2.025f}, p.value(), EPS);
        assertEquals(1, o.steps());
    }

    @Test
    void sgdWithMomentum() {
        Parameter p = param();
        Sgd o = new Sgd(List.of(p), lr(0.1), 0.9f, false, 0f, 0f);
        step(o); // buf = g; w -= 0.1 g
        assertArrayEquals(new float[] {0.95f, -2.025f}, p.value(), EPS);
        step(o); // buf = 0.9 g + g = 1.9 g; w -= 0.19 g
        assertArrayEquals(new float[] {0.855f, -2.0725f}, p.value(), EPS);
        assertArrayEquals(new float[] {0.95f, 0.475f}, o.slot(0, 0), EPS);
    }

    @Test
    void sgdWithNesterovMomentum() {
        Parameter p = param();
        Sgd o = new Sgd(List.of(p), lr(0.1), 0.9f, true, 0f, 0f);
        step(o); // buf = g; d = g + 0.9 buf = 1.9 g
        assertArrayEquals(new float[] {1f - 0.095f, -2f - 0.0475f}, p.value(), EPS);
        step(o); // buf = 1.9 g; d = g + 0.9 * 1.9 g = 2.71 g
        assertArrayEquals(new float[] {0.905f - 0.1355f, -2.0475f - 0.06775f}, p.value(), EPS);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(param()), lr(0.1), 0f, true, 0f, 0f));
    }

    @Test
    void sgdWithL2WeightDecay() {
        Parameter p = param();
        step(new Sgd(List.of(p), lr(0.1), 0f, false, 0.1f, 0f));
        // d = g + 0.1 w = [0.6, 0.05]
        assertArrayEquals(new float[] {0.94f, -2.005f}, p.value(), EPS);
    }

    @Test
    void adaGrad() {
        Parameter p = param();
        AdaGrad o = new AdaGrad(List.of(p), lr(0.1), 1e-10f, 0f, 0f, 0f);
        step(o); // sum = g^2, w -= 0.1 g / |g| = 0.1 sign(g)
        assertArrayEquals(new float[] {0.9f, -2.1f}, p.value(), EPS);
        step(o); // sum = 2 g^2, w -= 0.1 / sqrt(2)
        assertArrayEquals(new float[] {0.9f - 0.07071068f, -2.1f - 0.07071068f}, p.value(), EPS);
        assertArrayEquals(new float[] {0.5f, 0.125f}, o.slot(0, 0), EPS);
    }

    @Test
    void adaGradInitialAccumulator() {
        Parameter p = param();
        AdaGrad o = new AdaGrad(List.of(p), lr(0.1), 1e-10f, 0.75f, 0f, 0f);
        step(o); // sum = 0.75 + 0.25 = 1 for w0: w0 -= 0.1 * 0.5
        assertEquals(0.95f, p.value()[0], EPS);
    }

    /** Adam in double, straight from Kingma and Ba with PyTorch's epsilon placement, for multi-step checks. */
    private static double[] adamReference(double[] w, double g0, double g1, int steps, double lr, double wd, boolean decoupled) {
        double[] g = {g0, g1};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                if (decoupled) w[i] *= 1 - lr * wd;
                double d = g[i] + (decoupled ? 0 : wd * w[i]);
                m[i] = 0.9 * m[i] + 0.1 * d;
                v[i] = 0.999 * v[i] + 0.001 * d * d;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        return w;
    }

    @Test
    void adam() {
        Parameter p = param();
        Adam o = new Adam(List.of(p), lr(0.1), 0.9, 0.999, 1e-8f, 0f, false, 0f);
        step(o); // the first Adam step is lr * sign(g)
        assertArrayEquals(new float[] {0.9f, -2.1f}, p.value(), EPS);
        assertArrayEquals(new float[] {0.05f, 0.025f}, o.slot(0, 0), EPS);
        assertArrayEquals(new float[] {0.00025f, 0.0000625f}, o.slot(0, 1), 1e-9f);
        for (int i = 0; i < 4; i++) step(o);
        double[] want = adamReference(new double[] {1, -2}, 0.5, 0.25, 5, 0.1, 0, false);
        assertArrayEquals(new float[] {(float) want[0], (float) want[1]}, p.value(), EPS);
        assertEquals("adam", o.name());
    }

    @Test
    void adamWithL2AndAdamWWithDecoupledDecay() {
        Parameter p = param();
        Adam l2 = new Adam(List.of(p), lr(0.1), 0.9, 0.999, 1e-8f, 0.1f, false, 0f);
        for (int i = 0; i < 3; i++) step(l2);
        double[] want = adamReference(new double[] {1, -2}, 0.5, 0.25, 3, 0.1, 0.1, false);
        assertArrayEquals(new float[] {(float) want[0], (float) want[1]}, p.value(), EPS);

        Parameter q = param();
        Adam w = new Adam(List.of(q), lr(0.1), 0.9, 0.999, 1e-8f, 0.1f, true, 0f);
        step(w); // w *= 1 - 0.01, then - 0.1 sign(g)
        assertArrayEquals(new float[] {0.99f - 0.1f, -1.98f - 0.1f}, q.value(), EPS);
        for (int i = 0; i < 2; i++) step(w);
        double[] wantW = adamReference(new double[] {1, -2}, 0.5, 0.25, 3, 0.1, 0.1, true);
        assertArrayEquals(new float[] {(float) wantW[0], (float) wantW[1]}, q.value(), EPS);
        assertEquals("adamw", w.name());
    }

    @Test
    void globalNormClipping() {
        Parameter p = param();
        Parameter b = Parameter.dense("l", "b", 1, 1);
        b.grad()[0] = 1f;
        Sgd o = new Sgd(List.of(p, b), lr(1.0), 0f, false, 0f, 0.5f);
        double norm = o.gradientNorm();
        assertEquals(Math.sqrt(0.25 + 0.0625 + 1), norm, 1e-7);
        o.step(norm);
        float s = (float) (0.5 / norm);
        assertArrayEquals(new float[] {1f - 0.5f * s, -2f - 0.25f * s}, p.value(), EPS);
        assertEquals(-s, b.value()[0], EPS);
        // Below the threshold nothing is scaled.
        Parameter q = param();
        Sgd big = new Sgd(List.of(q), lr(1.0), 0f, false, 0f, 10f);
        step(big);
        assertArrayEquals(new float[] {0.5f, -2.25f}, q.value(), EPS);
    }

    @Test
    void schedules() {
        assertEquals(0.3, LearningRateSchedule.constant(0.3).rate(1000), 0);
        LearningRateSchedule inv = LearningRateSchedule.inverseSqrt(1.0, 10);
        assertEquals(1.0, inv.rate(1), 1e-12);
        assertEquals(1 / Math.sqrt(2), inv.rate(11), 1e-12);
        assertEquals(1 / Math.sqrt(11), inv.rate(101), 1e-12);
        LearningRateSchedule warm = LearningRateSchedule.linearWarmup(LearningRateSchedule.constant(2.0), 4);
        assertEquals(0.5, warm.rate(1), 1e-12);
        assertEquals(1.0, warm.rate(2), 1e-12);
        assertEquals(2.0, warm.rate(4), 1e-12);
        assertEquals(2.0, warm.rate(50), 1e-12);
        // The optimizer uses the rate of its 1-based step.
        Parameter p = param();
        Sgd o = new Sgd(List.of(p), warm, 0f, false, 0f, 0f);
        step(o);
        assertArrayEquals(new float[] {1f - 0.25f, -2f - 0.125f}, p.value(), EPS);
        assertEquals(1.0, o.nextRate(), 1e-12);
    }

    @Test
    void frozenParametersAreNotUpdatedNorCounted() {
        Parameter p = param();
        Parameter q = param();
        q.setFrozen(true);
        Adam o = new Adam(List.of(p, q), lr(0.1), 0.9, 0.999, 1e-8f, 0.1f, true, 0f);
        assertEquals(Math.sqrt(0.3125), o.gradientNorm(), 1e-7, "frozen gradients are not in the norm");
        step(o);
        assertArrayEquals(new float[] {1f, -2f}, q.value());
        assertArrayEquals(new float[] {0f, 0f}, o.slot(1, 0));
        assertNotEquals(1f, p.value()[0]);
    }

    /** A 5 x 3 table whose batch touched {@code rows} with gradient rows filled with {@code g}. */
    private static void touch(Parameter table, float g, int... rows) {
        SparseRowGradient sg = table.sparseGrad();
        sg.clear();
        for (int r : rows) {
            int off = sg.offsetOf(r);
            for (int j = 0; j < 3; j++) sg.values()[off + j] = g * (j + 1) * (r + 1);
        }
    }

    private static Parameter table() {
        Parameter t = Parameter.sparse("emb", "table", 5, 3);
        for (int i = 0; i < 15; i++) t.value()[i] = 0.1f * (i - 7);
        return t;
    }

    @Test
    void lazySparseUpdatesLeaveUntouchedRowsBitIdentical() {
        for (String kind : new String[] {"sgd", "momentum", "adagrad", "adam", "adamw"}) {
            Parameter t = table();
            Optimizer o = switch (kind) {
                case "sgd" -> new Sgd(List.of(t), lr(0.1), 0f, false, 0.01f, 0f);
                case "momentum" -> new Sgd(List.of(t), lr(0.1), 0.9f, true, 0.01f, 0f);
                case "adagrad" -> new AdaGrad(List.of(t), lr(0.1), 1e-10f, 0.1f, 0.01f, 0f);
                case "adam" -> new Adam(List.of(t), lr(0.1), 0.9, 0.999, 1e-8f, 0.01f, false, 0f);
                default -> new Adam(List.of(t), lr(0.1), 0.9, 0.999, 1e-8f, 0.01f, true, 0f);
            };
            touch(t, 0.5f, 1, 3);
            step(o);
            float[] afterFirst = t.value().clone();
            float[][] slotsAfterFirst = new float[o.slotNames().length][];
            for (int s = 0; s < slotsAfterFirst.length; s++) slotsAfterFirst[s] = o.slot(0, s).clone();
            for (int r : new int[] {0, 2, 4}) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(Float.floatToRawIntBits(0.1f * (r * 3 + j - 7)), Float.floatToRawIntBits(t.value()[r * 3 + j]),
                            kind + ": untouched row " + r + " changed (weight decay too must be lazy)");
                }
            }
            assertNotEquals(afterFirst[3], 0.1f * (3 - 7), kind + ": touched row 1 must move");
            // Next steps touch only row 3: row 1 and its slots stay bit-identical although its moments are non-zero.
            touch(t, -0.2f, 3);
            step(o);
            touch(t, 0.7f, 3);
            step(o);
            for (int j = 0; j < 3; j++) {
                assertEquals(Float.floatToRawIntBits(afterFirst[3 + j]), Float.floatToRawIntBits(t.value()[3 + j]), kind + ": row 1");
                for (int s = 0; s < slotsAfterFirst.length; s++) {
                    assertEquals(Float.floatToRawIntBits(slotsAfterFirst[s][3 + j]), Float.floatToRawIntBits(o.slot(0, s)[3 + j]),
                            kind + ": slot " + o.slotNames()[s] + " of row 1");
                }
            }
            assertNotEquals(afterFirst[9], t.value()[9], kind + ": row 3 keeps training");
        }
    }

    @Test
    void lazyAdamOnTouchedRowsEqualsDenseAdamOnThoseRows() {
        Parameter sparse = table();
        Parameter dense = Parameter.dense("d", "w", 5, 3);
        System.arraycopy(sparse.value(), 0, dense.value(), 0, 15);
        Adam a = new Adam(List.of(sparse), lr(0.05), 0.9, 0.999, 1e-8f, 0f, false, 0f);
        Adam b = new Adam(List.of(dense), lr(0.05), 0.9, 0.999, 1e-8f, 0f, false, 0f);
        for (int s = 0; s < 4; s++) {
            touch(sparse, 0.3f + s, 2, 4);
            java.util.Arrays.fill(dense.grad(), 0f);
            SparseRowGradient sg = sparse.sparseGrad();
            for (int i = 0; i < sg.count(); i++) System.arraycopy(sg.values(), i * 3, dense.grad(), sg.row(i) * 3, 3);
            step(a);
            step(b);
        }
        assertArrayEquals(dense.value(), sparse.value(), "rows touched every step follow dense Adam exactly; others stay");
    }
}
