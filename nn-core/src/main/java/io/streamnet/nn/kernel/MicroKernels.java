package io.streamnet.nn.kernel;

/**
 * The inner loops of {@link JavaSgemm}: rank-4 updates of one row of a C panel.
 *
 * <p>They are written for HotSpot C2's auto-vectoriser (SuperWord) in JDK 17, which is easily put off; measured
 * on this project's machine:
 * <ul>
 *   <li>every array in the loop must be indexed by the loop variable plus a compile-time constant: an index such
 *       as {@code off + j}, with {@code off} a run-time value, defeats its alias analysis (the loop then runs
 *       scalar, about 7 times slower). Hence zero-based scratch rows for C and packed rows for B;</li>
 *   <li>a loop storing to two arrays (two rows of C) vectorised only when inlined into a caller in a particular
 *       way, and ran scalar when compiled on its own; one store per loop vectorises either way;</li>
 *   <li>bodies with more than about six arrays or five products are not unrolled, hence not vectorised.</li>
 * </ul>
 * One row of C and four rows of B per call is the largest form that vectorised reliably (about 50 to 70 GFLOP/s
 * for rows of 512 when hot in L1).
 */
final class MicroKernels {
    private MicroKernels() {}

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
