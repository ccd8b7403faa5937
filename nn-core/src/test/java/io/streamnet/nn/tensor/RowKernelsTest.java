package io.streamnet.nn.tensor;

import io.streamnet.nn.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector row kernels give exactly the scalar results (so the choice never changes a model). */
class RowKernelsTest {
    private final RowKernels scalar = new ScalarRowKernels();

    @Test
    void testsRunWithTheVectorKernels() {
        // The build runs tests with --add-modules jdk.incubator.vector (see nn-core/pom.xml); without it this
        // class would compare scalar with scalar and prove nothing.
        assertTrue(RowKernels.get() instanceof VectorRowKernels, "row kernels in tests: " + RowKernels.get().name());
    }

    private static float[] random(Rng rng, int n, double scale, boolean positive) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((positive ? rng.nextDouble() : 2 * rng.nextDouble() - 1) * scale);
        return a;
    }

    private static void same(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + "[" + i + "]: " + want[i] + " vs " + got[i]);
        }
    }

    @Test
    void everyKernelIsBitIdenticalToTheScalarOne() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(12);
        for (int n : new int[] {1, 7, 16, 31, 32, 64, 65, 100, 1000}) {
            int off = 3;
            float[] x = random(rng, n + 2 * off, 2, false);
            float[] y0 = random(rng, n + 2 * off, 2, false);
            float[] m0 = random(rng, n + 2 * off, 0.1, false);
            float[] v0 = random(rng, n + 2 * off, 0.01, true);

            float[] a = y0.clone(), b = y0.clone();
            scalar.add(x, off, a, off, n);
            vector.add(x, off, b, off, n);
            same(a, b, "add/" + n);

            a = y0.clone(); b = y0.clone();
            scalar.axpy(0.37f, x, 1, a, off, n);
            vector.axpy(0.37f, x, 1, b, off, n);
            same(a, b, "axpy/" + n);

            a = y0.clone(); b = y0.clone();
            scalar.scale(a, off, n, 1f / 3);
            vector.scale(b, off, n, 1f / 3);
            same(a, b, "scale/" + n);

            a = y0.clone(); b = y0.clone();
            scalar.sgd(a, off, x, 0, n, 0.05f, 0.9f, 0.01f);
            vector.sgd(b, off, x, 0, n, 0.05f, 0.9f, 0.01f);
            same(a, b, "sgd/" + n);

            for (boolean nesterov : new boolean[] {false, true}) {
                a = y0.clone(); b = y0.clone();
                float[] ba = m0.clone(), bb = m0.clone();
                scalar.sgdMomentum(a, off, x, 0, ba, n, 0.05f, 0.9f, 0.01f, 0.9f, nesterov);
                vector.sgdMomentum(b, off, x, 0, bb, n, 0.05f, 0.9f, 0.01f, 0.9f, nesterov);
                same(a, b, "momentum/" + n);
                same(ba, bb, "momentum buffer/" + n);
            }

            a = y0.clone(); b = y0.clone();
            float[] sa = v0.clone(), sb = v0.clone();
            scalar.adagrad(a, off, x, 0, sa, n, 0.1f, 1f, 0.001f, 1e-10f);
            vector.adagrad(b, off, x, 0, sb, n, 0.1f, 1f, 0.001f, 1e-10f);
            same(a, b, "adagrad/" + n);
            same(sa, sb, "adagrad sum/" + n);

            a = y0.clone(); b = y0.clone();
            float[] ma = m0.clone(), mb = m0.clone(), va = v0.clone(), vb = v0.clone();
            scalar.adam(a, off, x, 0, ma, va, n, 0.8f, 0.01f, 0.999f, 0.9f, 0.999f, 0.1f, 0.001f, 0.01f, 3.2f, 1e-8f);
            vector.adam(b, off, x, 0, mb, vb, n, 0.8f, 0.01f, 0.999f, 0.9f, 0.999f, 0.1f, 0.001f, 0.01f, 3.2f, 1e-8f);
            same(a, b, "adam/" + n);
            same(ma, mb, "adam m/" + n);
            same(va, vb, "adam v/" + n);
        }
    }

    /** ReLU outputs with exact zeros, negative zeros, NaN and infinities among them, and gradients with NaN too. */
    @Test
    void reluBackwardSelectsExactlyAsTheScalarLoop() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(5);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int n : new int[] {1, 15, 16, 17, 64, 129, 1000}) {
            float[] y = random(rng, n, 2, false);
            float[] gy = random(rng, n, 3, false);
            for (int i = 0; i < n; i += 3) y[i] = special[(i / 3) % special.length];
            if (n > 5) gy[5] = Float.NaN;
            float[] a = new float[n], b = new float[n];
            scalar.keepWherePositive(y, gy, a, n);
            vector.keepWherePositive(y, gy, b, n);
            same(a, b, "relu/" + n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(y[i] > 0f ? gy[i] : 0f), Float.floatToRawIntBits(b[i]), "relu/" + n + "[" + i + "]");
            }
            scalar.scaleWhereNotPositive(y, gy, 0.01f, a, n);
            vector.scaleWhereNotPositive(y, gy, 0.01f, b, n);
            same(a, b, "leaky relu/" + n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(y[i] > 0f ? gy[i] : 0.01f * gy[i]), Float.floatToRawIntBits(b[i]), "leaky relu/" + n + "[" + i + "]");
            }
        }
    }

    @Test
    void gateFunctionsAreBitIdenticalToTheScalarOnes() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(13);
        for (int n : new int[] {1, 15, 16, 33, 64, 128, 1000}) {
            for (double scale : new double[] {1, 10, 200}) {
                float[] x = random(rng, n + 6, scale, false);
                x[0] = Float.NEGATIVE_INFINITY;
                x[x.length - 1] = -0f;
                float[] a = x.clone(), b = x.clone();
                scalar.gateSigmoid(a, 3, n);
                vector.gateSigmoid(b, 3, n);
                same(a, b, "gateSigmoid/" + n + "/" + scale);
                a = x.clone(); b = x.clone();
                scalar.gateTanh(a, 0, n + 6);
                vector.gateTanh(b, 0, n + 6);
                same(a, b, "gateTanh/" + n + "/" + scale);
            }
        }
    }

    @Test
    void rowSumsAreBitIdenticalToTheScalarOnes() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(14);
        for (int d : new int[] {1, 5, 16, 24, 32, 48, 64, 70, 128, 130}) {
            int rows = 50;
            int base = 3; // rows start after 3 floats that are not the table's (a line-aligned table's head)
            float[] table = random(rng, base + rows * d, 1, false);
            java.util.Arrays.fill(table, 0, base, Float.NaN);
            int[] ids = new int[40];
            float[] w = random(rng, 40, 2, false);
            for (int i = 0; i < ids.length; i++) ids[i] = rng.nextInt(rows);
            for (int[] range : new int[][] {{0, 1}, {3, 4}, {2, 9}, {0, 40}}) {
                float[] a = new float[d + 2], b = new float[d + 2];
                scalar.sumRows(table, base, d, ids, range[0], range[1], a, 1);
                vector.sumRows(table, base, d, ids, range[0], range[1], b, 1);
                same(a, b, "sumRows d=" + d);
                float exact = 0;
                for (int k = range[0]; k < range[1]; k++) exact += table[base + ids[k] * d + d - 1];
                assertEquals(exact, a[d], 1e-5f);
                a = new float[d + 2];
                b = new float[d + 2];
                scalar.weightedSumRows(table, base, d, ids, w, range[0], range[1], a, 1);
                vector.weightedSumRows(table, base, d, ids, w, range[0], range[1], b, 1);
                same(a, b, "weightedSumRows d=" + d);
            }
        }
    }

    @Test
    void sumOfSquaresHasOneOrderForBothKernels() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(13);
        for (int n : new int[] {0, 5, 16, 17, 4096, 4097, 10000, 100003}) {
            float[] x = random(rng, n + 1, 3, false);
            double s = scalar.sumOfSquares(x, 1, n);
            assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(vector.sumOfSquares(x, 1, n)), "n=" + n);
            double exact = 0;
            for (int i = 1; i <= n; i++) exact += (double) x[i] * x[i];
            assertEquals(exact, s, exact * 1e-5 + 1e-30, "n=" + n);
        }
        float[] y0 = random(rng, 70, 1, false);
        float[] a = y0.clone(), b = y0.clone();
        scalar.scaleTo(0.3f, y0, 2, a, 1, 67);
        vector.scaleTo(0.3f, y0, 2, b, 1, 67);
        same(a, b, "scaleTo");
    }
}
