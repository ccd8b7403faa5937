package io.streamnet.nn.kernel;

import java.util.Arrays;

/**
 * Per-thread scratch of {@link JavaSgemm}: packed blocks of op(A) and op(B), the C panel, and the buffer for
 * products computed transposed. Row buffers are separate zero-based arrays on purpose (see
 * {@link MicroKernels}). Buffers grow on demand and are kept, so steady-state training allocates nothing.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> PER_THREAD = ThreadLocal.withInitial(GemmWorkspace::new);

    /** Rows of the packed op(B) block, each {@link JavaSgemm#NC} wide; rows past the block depth are zero. */
    final float[][] bRows = new float[JavaSgemm.KC][];
    /** Rows of the C panel, each {@link JavaSgemm#NC} wide. */
    final float[][] cRows = new float[JavaSgemm.MC][];
    /** Packed op(A) block: row i at {@code i * kcPadded}, alpha folded in, zero-padded to a multiple of 4. */
    float[] aPacked = new float[0];
    /** Scratch for C transposed (n x m) when the product is computed in transposed orientation. */
    float[] transposed = new float[0];

    static GemmWorkspace get() {
        return PER_THREAD.get();
    }

    float[] bRow(int p) {
        float[] r = bRows[p];
        if (r == null) {
            r = new float[JavaSgemm.NC];
            bRows[p] = r;
        }
        return r;
    }

    float[] cRow(int i) {
        float[] r = cRows[i];
        if (r == null) {
            r = new float[JavaSgemm.NC];
            cRows[i] = r;
        }
        return r;
    }

    float[] aPacked(int size) {
        if (aPacked.length < size) aPacked = new float[size];
        return aPacked;
    }

    float[] transposed(int size) {
        if (transposed.length < size) transposed = new float[size];
        return transposed;
    }

    /** Zeroes the first {@code width} entries of packed B rows {@code from} (inclusive) to {@code to} (exclusive). */
    void zeroBRows(int from, int to, int width) {
        for (int p = from; p < to; p++) Arrays.fill(bRow(p), 0, width, 0f);
    }
}
