package io.streamnet.nn.kernel;

/**
 * The inner loops of {@link JavaSgemm}: rank-4 updates of one or two rows of a C panel.
 *
 * <p>They are written for HotSpot C2's auto-vectoriser (SuperWord) in JDK 17, which packs a loop only when
 * every array in it is indexed by the loop variable plus a compile-time constant (an index such as
 * {@code off + j}, with {@code off} a run-time value, defeats its alias analysis) and when the loop body is
 * small enough to be unrolled (measured: at most six arrays in the body). Hence zero-based scratch rows for
 * C and packed rows for B, two rows of C times four rows of B per call (about 75 GFLOP/s on one AVX-512 core,
 * against about 12 for the same arithmetic with three rows), and {@code a * x + b * y} rather than
 * {@link Math#fma}, which stopped the loop from vectorising.
 */
final class MicroKernels {
    private MicroKernels() {}

    /** {@code c0 += a0 . [b0..b3]} and {@code c1 += a1 . [b0..b3]} over the first {@code n} columns. */
    static void rank4x2(float a00, float a01, float a02, float a03,
                        float a10, float a11, float a12, float a13,
                        float[] b0, float[] b1, float[] b2, float[] b3,
                        float[] c0, float[] c1, int n) {
        for (int j = 0; j < n; j++) {
            float x0 = b0[j], x1 = b1[j], x2 = b2[j], x3 = b3[j];
            c0[j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
            c1[j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        }
    }

    /** {@code c0 += a0 . [b0..b3]} over the first {@code n} columns. */
    static void rank4x1(float a00, float a01, float a02, float a03,
                        float[] b0, float[] b1, float[] b2, float[] b3,
                        float[] c0, int n) {
        for (int j = 0; j < n; j++) {
            c0[j] += a00 * b0[j] + a01 * b1[j] + a02 * b2[j] + a03 * b3[j];
        }
    }

    /** {@code row *= s} over the first {@code n} entries. */
    static void scale(float[] row, float s, int n) {
        for (int j = 0; j < n; j++) row[j] *= s;
    }
}
