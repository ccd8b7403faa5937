package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every available SGEMM kernel against a double-precision reference: all transpose combinations, odd sizes,
 * sizes across every blocking boundary and thin-kernel threshold, offsets, leading dimensions wider than the
 * rows, alpha/beta cases, and the memory around C left untouched.
 */
class SgemmKernelsTest {
    private static final float SENTINEL = -12345.5f;

    /** java and vector always (Maven runs the tests with --add-modules jdk.incubator.vector); native where it loads. */
    static Stream<SgemmKernel> kernels() {
        List<SgemmKernel> ks = new ArrayList<>();
        ks.add(GemmKernels.java());
        ks.add(GemmKernels.vector().orElseThrow(() -> new AssertionError(
                "Vector API kernel missing: " + GemmKernels.vectorUnavailableReason())));
        GemmKernels.nativeBlas().ifPresent(ks::add);
        GemmKernels.nativeBlas().ifPresent(n -> ks.add(GemmKernels.byName("native"))); // split: Java below threshold
        ks.add(Gemm.kernel());
        return ks.stream();
    }

    /** Sizes on both sides of MR/NR/KC/MC/NC and the thin thresholds of the kernels. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 64, 64}, {64, 1, 64}, {64, 64, 1}, {2, 33, 7}, {3, 17, 5}, {4, 16, 4}, {5, 15, 3},
            {6, 32, 8}, {7, 31, 9}, {13, 47, 29}, {17, 10, 100}, {32, 64, 64}, {31, 65, 63}, {33, 1, 257},
            {1, 513, 130}, {129, 15, 66}, {100, 300, 260}, {257, 259, 20}, {300, 20, 129}, {12, 520, 3},
            {2, 2, 600}, {128, 10, 512}, {256, 1, 64}, {255, 64, 1},
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void matchesReferenceOnEdgeShapesAllTransposes(SgemmKernel kernel) {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                check(kernel, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0f, rnd);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void matchesReferenceOnRandomShapesWithAlphaBetaOffsetsAndStrides(SgemmKernel kernel) {
        SplittableRandom rnd = new SplittableRandom(12);
        float[] alphas = {1f, -0.5f, 2.5f};
        float[] betas = {0f, 1f, 0.75f, -2f};
        for (int trial = 0; trial < 120; trial++) {
            int m = 1 + rnd.nextInt(trial % 10 == 0 ? 200 : 40);
            int n = 1 + rnd.nextInt(trial % 7 == 0 ? 300 : 40);
            int k = 1 + rnd.nextInt(trial % 5 == 0 ? 300 : 40);
            check(kernel, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k,
                    alphas[rnd.nextInt(alphas.length)], betas[rnd.nextInt(betas.length)], rnd);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void betaZeroOverwritesNaNInC(SgemmKernel kernel) {
        float[] a = {1, 2, 3, 4, 5, 6};      // 2 x 3
        float[] b = {1, 0, 0, 1, 1, 1};      // 3 x 2
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN};
        kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void alphaZeroOrEmptyDepthOnlyScalesC(SgemmKernel kernel) {
        float[] a = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] b = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        kernel.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c);
        kernel.sgemm(false, true, 2, 2, 0, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0}, c);
        float[] untouched = {7, 8};
        kernel.sgemm(false, false, 0, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, untouched, 0, 2);
        kernel.sgemm(false, false, 1, 0, 2, 1f, a, 0, 2, b, 0, 2, 0f, untouched, 0, 2);
        assertArrayEquals(new float[] {7, 8}, untouched);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void repeatsBitForBitAcrossCallsOfOtherShapes(SgemmKernel kernel) {
        SplittableRandom rnd = new SplittableRandom(13);
        float[] a = random(rnd, 70 * 90);
        float[] b = random(rnd, 90 * 50);
        float[] first = new float[70 * 50];
        kernel.sgemm(false, true, 70, 50, 90, 1f, a, 0, 90, b, 0, 90, 0f, first, 0, 50);
        float[] other = new float[300 * 300];
        kernel.sgemm(true, false, 300, 300, 20, 1f, random(rnd, 20 * 300), 0, 300, random(rnd, 20 * 300), 0, 300,
                0f, other, 0, 300);
        float[] again = new float[70 * 50];
        kernel.sgemm(false, true, 70, 50, 90, 1f, a, 0, 90, b, 0, 90, 0f, again, 0, 50);
        assertArrayEquals(first, again);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void threadsDoNotShareScratch(SgemmKernel kernel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = 100 + t;
                runs.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    for (int i = 0; i < 8; i++) {
                        check(kernel, rnd.nextBoolean(), rnd.nextBoolean(), 10 + rnd.nextInt(50),
                                10 + rnd.nextInt(50), 10 + rnd.nextInt(300), 1f, 0.5f, rnd);
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The reference models' products: every kernel agrees with the pure-Java one within float tolerance. */
    @Test
    void allKernelsAgreeWithJavaOnModelShapes() {
        int[][] shapes = { // m, n, k, transA, transB: Dense forward (NN), weight gradient (TN), input gradient (NT)
                {128, 512, 256, 0, 0}, {512, 512, 128, 1, 0}, {128, 512, 512, 0, 1}, {128, 10, 512, 0, 0},
                {512, 10, 128, 1, 0}, {128, 512, 10, 0, 1}, {256, 128, 64, 0, 0}, {64, 1, 256, 1, 0},
                {256, 64, 1, 0, 1}, {32, 64, 64, 0, 0}, {1, 64, 64, 0, 1},
        };
        SplittableRandom rnd = new SplittableRandom(14);
        SgemmKernel java = GemmKernels.java();
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            boolean ta = s[3] == 1, tb = s[4] == 1;
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            int lda = ta ? m : k, ldb = tb ? k : n;
            float[] expected = new float[m * n];
            java.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n);
            double[] tol = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    // Both results are within the bound of the exact value, so within twice the bound of each other.
                    tol[i * n + j] = 2 * SgemmReference.tolerance(ta, tb, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n, i, j);
                }
            }
            kernels().forEach(kernel -> {
                float[] got = new float[m * n];
                kernel.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, got, 0, n);
                for (int idx = 0; idx < m * n; idx++) {
                    if (Math.abs(got[idx] - expected[idx]) > tol[idx]) {
                        fail(kernel.name() + " vs java " + Arrays.toString(s) + " at (" + idx / n + "," + idx % n
                                + "): " + got[idx] + " vs " + expected[idx]);
                    }
                }
            });
        }
    }

    @Test
    void nativeKernelIsOpenBlasWhereInstalled() {
        // This machine image provides OpenBLAS as libblas.so.3; where it does not, the Java kernels cover.
        GemmKernels.nativeBlas().ifPresent(k -> assertTrue(k.description().contains("blas"), k.description()));
        assertEquals("java", GemmKernels.java().name());
    }

    private static void check(SgemmKernel kernel, boolean ta, boolean tb, int m, int n, int k,
                              float alpha, float beta, SplittableRandom rnd) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + rnd.nextInt(3), ldb = bCols + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(4), bOff = rnd.nextInt(4), cOff = rnd.nextInt(4);
        float[] a = random(rnd, aOff + (aRows - 1) * lda + aCols + rnd.nextInt(3));
        float[] b = random(rnd, bOff + (bRows - 1) * ldb + bCols + rnd.nextInt(3));
        float[] c = new float[cOff + (m - 1) * ldc + n + 2];
        Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = beta == 0f ? Float.NaN : (float) rnd.nextDouble(-1, 1);
        }
        float[] c0 = c.clone();
        double[] ref = SgemmReference.product(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c0, cOff, ldc);
        kernel.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        String what = kernel.name() + " " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " offsets " + aOff + "/" + bOff + "/" + cOff
                + " ld " + lda + "/" + ldb + "/" + ldc;
        boolean[] inside = new boolean[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                inside[idx] = true;
                double tol = SgemmReference.tolerance(ta, tb, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c0, cOff, ldc, i, j);
                if (!(Math.abs(c[idx] - ref[i * n + j]) <= tol)) {
                    fail(what + ": C(" + i + "," + j + ") = " + c[idx] + ", expected " + ref[i * n + j] + " +- " + tol);
                }
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            if (!inside[idx] && c[idx] != SENTINEL) fail(what + ": wrote outside C at index " + idx);
        }
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rnd.nextDouble(-1, 1);
        return x;
    }
}
