package io.streamnet.nn.kernel;

import java.util.Arrays;

/**
 * Pure-Java SGEMM, single-threaded, tuned for the shapes of online training (batches of 1 to 256 rows,
 * layers 64 to 512 wide) on HotSpot C2.
 *
 * <p>Blocking in the GotoBLAS manner: C is processed in panels of at most {@link #MC} rows by {@link #NC}
 * columns, held in zero-based scratch rows; op(B) is packed in blocks of {@link #KC} x {@link #NC} (rows copied
 * with {@code System.arraycopy}, or transposed when B is), op(A) in blocks of {@link #MC} x {@link #KC} with
 * alpha folded in. The {@link MicroKernels} then add four rows of the B block, scaled by four entries of a row
 * of A, to a row of the C panel in one vectorised pass. Packing makes the transpose flags cost only a
 * different copy loop, so all four combinations run at close to the same speed. Measured here (one AVX-512
 * core, JDK 17): 35 to 45 GFLOP/s on products 128 x 512 x 512, 15 to 30 on 64- and 128-wide ones; see
 * {@link VectorSgemm} for what explicit vectors reach.
 *
 * <p>Products with few output columns (under {@link #NARROW} and fewer than rows) are computed transposed,
 * {@code C^T = op(B)^T op(A)^T}, so that the vectorised dimension is the longer one.
 */
public final class JavaSgemm implements SgemmKernel {
    /** Columns of a C panel and of a packed B block: the length of the vectorised loop. */
    static final int NC = 512;
    /** Depth of a packed block (a multiple of 4, the micro-kernel's rank). */
    static final int KC = 128;
    /** Rows of a C panel. */
    static final int MC = 256;
    /** Below this many output columns a product is computed transposed when that gives longer rows. */
    static final int NARROW = 16;

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            CMatrix.scale(c, cOff, ldc, m, n, beta);
            return;
        }
        GemmWorkspace ws = GemmWorkspace.get();
        if (n < NARROW && n < m) {
            productTransposed(ws, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            product(ws, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "pure Java (C2 auto-vectorised, " + Runtime.version() + ")";
    }

    /** Computes T = op(B)^T op(A)^T (n x m) into scratch, then C = T^T + beta * C. */
    private static void productTransposed(GemmWorkspace ws, boolean transA, boolean transB, int m, int n, int k,
                                          float alpha, float[] a, int aOff, int lda,
                                          float[] b, int bOff, int ldb,
                                          float beta, float[] c, int cOff, int ldc) {
        float[] t = ws.transposed(n * m);
        product(ws, !transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, 0f, t, 0, m);
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) c[row + j] = t[j * m + i];
            } else if (beta == 1f) {
                for (int j = 0; j < n; j++) c[row + j] += t[j * m + i];
            } else {
                for (int j = 0; j < n; j++) c[row + j] = beta * c[row + j] + t[j * m + i];
            }
        }
    }

    private static void product(GemmWorkspace ws, boolean transA, boolean transB, int m, int n, int k,
                                float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                loadC(ws, c, cOff + ic * ldc + jc, ldc, mc, nc, beta);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    int kcp = (kc + 3) & ~3;
                    packB(ws, transB, b, bOff, ldb, pc, jc, kc, kcp, nc);
                    float[] ap = packA(ws, transA, alpha, a, aOff, lda, ic, pc, mc, kc, kcp);
                    multiply(ws, ap, mc, kcp, nc);
                }
                storeC(ws, c, cOff + ic * ldc + jc, ldc, mc, nc);
            }
        }
    }

    private static void loadC(GemmWorkspace ws, float[] c, int off, int ldc, int mc, int nc, float beta) {
        for (int i = 0; i < mc; i++) {
            float[] row = ws.cRow(i);
            if (beta == 0f) {
                Arrays.fill(row, 0, nc, 0f);
            } else {
                System.arraycopy(c, off + i * ldc, row, 0, nc);
                if (beta != 1f) MicroKernels.scale(row, beta, nc);
            }
        }
    }

    private static void storeC(GemmWorkspace ws, float[] c, int off, int ldc, int mc, int nc) {
        for (int i = 0; i < mc; i++) System.arraycopy(ws.cRows[i], 0, c, off + i * ldc, nc);
    }

    /** Packs op(B)[pc .. pc+kc, jc .. jc+nc] into B rows 0..kc, and zeroes rows kc..kcp. */
    private static void packB(GemmWorkspace ws, boolean transB, float[] b, int bOff, int ldb,
                              int pc, int jc, int kc, int kcp, int nc) {
        if (!transB) {
            for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (pc + p) * ldb + jc, ws.bRow(p), 0, nc);
        } else {
            for (int p = 0; p < kc; p++) ws.bRow(p);
            float[][] rows = ws.bRows;
            // op(B)[p][j] = B[j][p]: walk B along its contiguous rows.
            for (int j = 0; j < nc; j++) {
                int src = bOff + (jc + j) * ldb + pc;
                for (int p = 0; p < kc; p++) rows[p][j] = b[src + p];
            }
        }
        ws.zeroBRows(kc, kcp, nc);
    }

    /** Packs alpha * op(A)[ic .. ic+mc, pc .. pc+kc] row by row, each row zero-padded to kcp. */
    private static float[] packA(GemmWorkspace ws, boolean transA, float alpha, float[] a, int aOff, int lda,
                                 int ic, int pc, int mc, int kc, int kcp) {
        float[] ap = ws.aPacked(mc * kcp);
        for (int i = 0; i < mc; i++) {
            int dst = i * kcp;
            if (!transA) {
                int src = aOff + (ic + i) * lda + pc;
                for (int p = 0; p < kc; p++) ap[dst + p] = alpha * a[src + p];
            } else {
                int src = aOff + pc * lda + ic + i;
                for (int p = 0; p < kc; p++) ap[dst + p] = alpha * a[src + p * lda];
            }
            for (int p = kc; p < kcp; p++) ap[dst + p] = 0f;
        }
        return ap;
    }

    /** C panel rows 0..mc += packed A (mc x kcp) times packed B rows (kcp x nc). */
    private static void multiply(GemmWorkspace ws, float[] ap, int mc, int kcp, int nc) {
        float[][] bRows = ws.bRows;
        float[][] cRows = ws.cRows;
        for (int i = 0; i < mc; i++) {
            float[] c0 = cRows[i];
            int r0 = i * kcp;
            for (int p = 0; p < kcp; p += 4) {
                MicroKernels.rank4x1(ap[r0 + p], ap[r0 + p + 1], ap[r0 + p + 2], ap[r0 + p + 3],
                        bRows[p], bRows[p + 1], bRows[p + 2], bRows[p + 3], c0, nc);
            }
        }
    }
}
