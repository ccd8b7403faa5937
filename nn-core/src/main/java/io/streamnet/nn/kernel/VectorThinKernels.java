package io.streamnet.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for products with very few rows or columns (batch 1, an output layer of 1 to 15 units),
 * where the register-blocked tile of {@link VectorSgemm} would compute mostly padding. They read the operands
 * in place, without packing, because a thin product touches each element of the big operand only a few times.
 * Loaded only when {@code jdk.incubator.vector} is present, like {@link VectorSgemm}.
 */
final class VectorThinKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorThinKernels() {}

    /**
     * One output row: {@code c[cOff + j] = alpha * sum_p coef[coefOff + p * coefStride] * b[bOff + p * ldb + j]
     * + beta * c[cOff + j]} for j in 0..n; beta 0 does not read c.
     */
    static void rowTimesB(int n, int k, float alpha, float[] coef, int coefOff, int coefStride,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, coef[coefOff + p * coefStride]);
                int row = bOff + p * ldb + j;
                s0 = x.fma(FloatVector.fromArray(S, b, row), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, row + L), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, row + 2 * L), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, row + 3 * L), s3);
            }
            store(s0, alpha, beta, c, cOff + j);
            store(s1, alpha, beta, c, cOff + j + L);
            store(s2, alpha, beta, c, cOff + j + 2 * L);
            store(s3, alpha, beta, c, cOff + j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, coef[coefOff + p * coefStride]);
                s = x.fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s);
            }
            store(s, alpha, beta, c, cOff + j);
        }
        // The last n % L columns one by one, with the lanes' arithmetic (an fma per p, then alpha and beta):
        // JDK 17 does not intrinsify masked loads here, and their fallback allocates on every call.
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(coef[coefOff + p * coefStride], b[bOff + p * ldb + j], s);
            }
            s *= alpha;
            c[cOff + j] = beta != 0f ? Math.fma(c[cOff + j], beta, s) : s;
        }
    }

    /**
     * Dot products: {@code c[cOff + i * ldc + j] = alpha * sum_p x[xOff + i * ldx + p] * y[yOff + j * ldy + p]
     * + beta * c[...]} for i in 0..m, j in 0..n; both operands are read along contiguous rows.
     */
    static void dots(int m, int n, int k, float alpha, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy,
                     float beta, float[] c, int cOff, int ldc) {
        int kFull = k - k % L;
        for (int i = 0; i < m; i++) {
            int xr = xOff + i * ldx;
            int cr = cOff + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int y0 = yOff + j * ldy;
                int y1 = y0 + ldy;
                int y2 = y1 + ldy;
                int y3 = y2 + ldy;
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
                int p = 0;
                for (; p < kFull; p += L) {
                    FloatVector xv = FloatVector.fromArray(S, x, xr + p);
                    s0 = xv.fma(FloatVector.fromArray(S, y, y0 + p), s0);
                    s1 = xv.fma(FloatVector.fromArray(S, y, y1 + p), s1);
                    s2 = xv.fma(FloatVector.fromArray(S, y, y2 + p), s2);
                    s3 = xv.fma(FloatVector.fromArray(S, y, y3 + p), s3);
                }
                put(c, cr + j, alpha, beta, s0.reduceLanes(VectorOperators.ADD) + tail(x, xr, y, y0, p, k));
                put(c, cr + j + 1, alpha, beta, s1.reduceLanes(VectorOperators.ADD) + tail(x, xr, y, y1, p, k));
                put(c, cr + j + 2, alpha, beta, s2.reduceLanes(VectorOperators.ADD) + tail(x, xr, y, y2, p, k));
                put(c, cr + j + 3, alpha, beta, s3.reduceLanes(VectorOperators.ADD) + tail(x, xr, y, y3, p, k));
            }
            for (; j < n; j++) {
                int y0 = yOff + j * ldy;
                FloatVector s0 = FloatVector.zero(S);
                int p = 0;
                for (; p < kFull; p += L) {
                    s0 = FloatVector.fromArray(S, x, xr + p).fma(FloatVector.fromArray(S, y, y0 + p), s0);
                }
                put(c, cr + j, alpha, beta, s0.reduceLanes(VectorOperators.ADD) + tail(x, xr, y, y0, p, k));
            }
        }
    }

    private static void store(FloatVector s, float alpha, float beta, float[] c, int off) {
        s = s.mul(alpha);
        if (beta != 0f) s = FloatVector.fromArray(S, c, off).fma(FloatVector.broadcast(S, beta), s);
        s.intoArray(c, off);
    }

    /** The dot product's last k % L terms, in scalar code (see rowTimesB on masked loads). */
    private static float tail(float[] x, int xr, float[] y, int yr, int from, int k) {
        float s = 0f;
        for (int p = from; p < k; p++) {
            s = Math.fma(x[xr + p], y[yr + p], s);
        }
        return s;
    }

    private static void put(float[] c, int idx, float alpha, float beta, float dot) {
        c[idx] = beta == 0f ? alpha * dot : alpha * dot + beta * c[idx];
    }
}
