package io.streamnet.nn.reco;

import io.streamnet.nn.tensor.Bfloat16Pairs;
import io.streamnet.nn.tensor.RowKernels;

/**
 * A bfloat16 copy of the item table's rows in use, with each float row's Euclidean norm: half the bytes of the table
 * for the scan over the whole catalogue, which is bound by memory bandwidth. Built from the float table as a whole
 * ({@link #rebuild}); the caller knows when the float table changed. Approximate scores from it are within
 * {@link #errorBound} of the float ones, so {@link CatalogueScorer} re-scores in float only the items that can still
 * be in the top K.
 */
final class Bfloat16ItemTable {
    /** Larger magnitudes could round to an infinite bfloat16; such a table is not used. */
    private static final float MAX_MAGNITUDE = 1e30f;
    private final RowKernels kernels = RowKernels.get();
    private final int dim;
    private final int half;
    /** Float rounding of the two dot products (float sums of dim products each, with slack) on top of bfloat16's. */
    private final float relativeBound;
    private int[] packed = new int[0];
    private float[] norms = new float[0];
    private int rows;
    private boolean usable;

    Bfloat16ItemTable(int dim) {
        this.dim = dim;
        this.half = Bfloat16Pairs.half(dim);
        this.relativeBound = Bfloat16Pairs.RELATIVE_ERROR * 1.01f + dim * 0x1p-22f;
    }

    /** Ints per packed row; a user vector for {@link #scores} holds twice as many floats. */
    int half() {
        return half;
    }

    /**
     * Copies rows [0, rows) of {@code table}; returns whether the copy can be used: false when a value is not finite
     * or so large that bfloat16 could overflow (the caller then scans the float table).
     */
    boolean rebuild(float[] table, int rows) {
        int padded = blocks(rows) * Bfloat16Pairs.BLOCK;
        if (packed.length < padded * half) {
            packed = new int[Math.max(padded * half, packed.length * 3 / 2)];
            norms = new float[Math.max(padded, norms.length * 3 / 2)];
        }
        usable = false;
        for (int r = 0; r < rows; r++) {
            int off = r * dim;
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                float v = table[off + j];
                if (!(Math.abs(v) <= MAX_MAGNITUDE)) {
                    return false;
                }
                sum += (double) v * v;
            }
            norms[r] = Math.nextUp((float) Math.sqrt(sum));
            Bfloat16Pairs.packIntoBlock(table, off, dim, packed, r);
        }
        this.rows = rows;
        usable = true;
        return true;
    }

    /** Whether the last {@link #rebuild} succeeded. */
    boolean usable() {
        return usable;
    }

    /** Rows copied by the last {@link #rebuild}. */
    int rows() {
        return rows;
    }

    private static int blocks(int rows) {
        return (rows + Bfloat16Pairs.BLOCK - 1) / Bfloat16Pairs.BLOCK;
    }

    /**
     * Approximate dot products of {@code u} (2 {@link #half()} floats, zero-padded) with rows [0, rows) into out,
     * which must hold {@link #rows()} rounded up to a whole block (the padding rows get 0 or stale values).
     */
    void scores(float[] u, float[] out) {
        kernels.bfloat16BlockDots(packed, half, u, blocks(rows), out);
    }

    /**
     * A bound on |float score - approximate score| of a row, for a user vector of norm at most {@code uNorm}, both
     * scores with the same bias added in float ({@code approximate} is the approximate score with its bias):
     * bfloat16's rounding and the two float dot products by Cauchy-Schwarz, the bias's rounding, and an absolute
     * term for subnormal products.
     */
    float errorBound(int row, float uNorm, float approximate) {
        float dots = relativeBound * uNorm * norms[row] + Float.MIN_NORMAL * (uNorm * dim + 1f);
        return dots * 1.0001f + Math.abs(approximate) * 0x1p-21f;
    }
}
