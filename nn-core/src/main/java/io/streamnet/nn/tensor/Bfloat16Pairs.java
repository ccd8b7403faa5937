package io.streamnet.nn.tensor;

/**
 * Rows of floats as bfloat16 (a float's upper 16 bits, rounded to nearest, ties to even), two to an int: element j
 * of a row in the high half and element {@code half + j} in the low half, {@code half = ceil(dim / 2)} (the last low
 * half is 0 for an odd dim). Half the bytes of the floats; widening back to float is exact (a mask or a shift). For a
 * normal float the rounding error is at most 2^-8 of its magnitude. Rows are stored in blocks of {@link #BLOCK}, pair
 * j of every row of a block side by side ({@link #packIntoBlock}), so that a vector's lanes are a block's rows.
 */
public final class Bfloat16Pairs {
    /** The high half of a pair, as float bits. */
    public static final int HIGH_MASK = 0xFFFF0000;
    /** Rows per block. */
    public static final int BLOCK = 16;
    /** Bound on |bfloat16(x) - x| / |x| for a normal float x. */
    public static final float RELATIVE_ERROR = 0x1p-8f;

    private Bfloat16Pairs() {
    }

    /** Ints per packed row of {@code dim} floats. */
    public static int half(int dim) {
        return (dim + 1) >>> 1;
    }

    /** The bfloat16 bits of {@code x}: rounded to nearest even; a NaN stays a (quiet) NaN. */
    public static int round(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (bits >>> 16) | 0x40;
        }
        return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
    }

    /** The float of a pair's high half. */
    public static float high(int pair) {
        return Float.intBitsToFloat(pair & HIGH_MASK);
    }

    /** The float of a pair's low half. */
    public static float low(int pair) {
        return Float.intBitsToFloat(pair << 16);
    }

    /** Packs {@code src[srcOff, srcOff + dim)} as row {@code row} of the blocks in {@code dst}. */
    public static void packIntoBlock(float[] src, int srcOff, int dim, int[] dst, int row) {
        int half = half(dim);
        int base = (row / BLOCK) * half * BLOCK + row % BLOCK;
        for (int j = 0; j < half; j++) {
            int low = half + j < dim ? round(src[srcOff + half + j]) : 0;
            dst[base + j * BLOCK] = round(src[srcOff + j]) << 16 | low;
        }
    }
}
