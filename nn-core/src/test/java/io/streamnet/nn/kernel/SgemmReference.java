package io.streamnet.nn.kernel;

/** Naive double-precision GEMM on the same row-major layout, and the float error bound to compare against it. */
final class SgemmReference {
    private SgemmReference() {}

    /** Returns C (m x n, packed) = alpha op(A) op(B) + beta C, in double; beta 0 ignores C. */
    static double[] product(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) opA(transA, a, aOff, lda, i, p) * opB(transB, b, bOff, ldb, p, j);
                double prior = beta == 0f ? 0 : (double) beta * c[cOff + i * ldc + j];
                out[i * n + j] = alpha * s + prior;
            }
        }
        return out;
    }

    /**
     * Bound on |float result - exact| for entry (i, j): any summation order of k products in float has error at
     * most about k * u * sum |terms| (u = 2^-24); doubled for the alpha/beta steps and rounding of the bound.
     */
    static double tolerance(boolean transA, boolean transB, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, int i, int j) {
        double abs = 0;
        for (int p = 0; p < k; p++) abs += Math.abs((double) opA(transA, a, aOff, lda, i, p) * opB(transB, b, bOff, ldb, p, j));
        double scale = Math.abs(alpha) * abs + (beta == 0f ? 0 : Math.abs((double) beta * c[cOff + i * ldc + j]));
        return 2.0 * (k + 2) * 0x1p-24 * scale + 1e-30;
    }

    static float opA(boolean transA, float[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    static float opB(boolean transB, float[] b, int bOff, int ldb, int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }
}
