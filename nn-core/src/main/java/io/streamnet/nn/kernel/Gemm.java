package io.streamnet.nn.kernel;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} matrices:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 * op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are row strides (row-major leading dimensions).
 *
 * <p>This is the one entry point every layer uses for dense products, so the kernel behind it
 * (pure Java or native BLAS) can be chosen in one place.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        // Reference implementation (correct, not yet tuned).
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) c[ci + j] = 0f;
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[ci + j] *= beta;
            }
            for (int p = 0; p < k; p++) {
                float av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (av == 0f) continue;
                if (!transB) {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
                } else {
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bOff + j * ldb + p];
                }
            }
        }
    }
}
