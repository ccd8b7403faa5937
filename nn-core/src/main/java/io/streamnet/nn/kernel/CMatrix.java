package io.streamnet.nn.kernel;

import java.util.Arrays;

/** Whole-matrix operations on the output C shared by the kernels. */
final class CMatrix {
    private CMatrix() {}

    /** C = beta * C; beta 0 writes zeros without reading C (BLAS semantics: NaN or Inf in C does not survive). */
    static void scale(float[] c, int cOff, int ldc, int m, int n, float beta) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) c[j] *= beta;
            }
        }
    }
}
