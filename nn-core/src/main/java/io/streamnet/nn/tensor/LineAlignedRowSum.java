package io.streamnet.nn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of table rows for 512-bit vectors, with every load inside one 64-byte cache line.
 *
 * <p>A large table (an array of at least half a G1 region) starts on a region boundary, so its data starts
 * {@code ARRAY_FLOAT_BASE_OFFSET} bytes (16 on a default JVM) past a cache line, and so does every row whose
 * length is a multiple of 16 floats. A 64-byte load from such a row straddles two lines, which costs a random
 * row gather about a third of its rate (docs/BENCHMARKS.md, "Rows that straddle cache lines"). This kernel loads
 * each 64-float chunk of a row as the five whole lines it spans: the first holds 4 floats of the row before and
 * the chunk's first 12, the last the chunk's last 4 and 12 floats of the row after. Those lanes of the first and
 * last accumulators hold sums of the neighbours' floats and are dropped. A bag with the table's first or last row,
 * whose outer line lies outside the array, is left to the plain loop.
 *
 * <p>Each output element is still the sum of the same elements in the same order: the result is bit-identical
 * to {@link VectorRowKernels}' plain loop. Where the table is not where this assumes (a small array, another
 * collector) only the speed differs.
 */
final class LineAlignedRowSum {
    private static final VectorSpecies<Float> V = FloatVector.SPECIES_512;
    /** Floats of a row before its first line boundary in a line-aligned array, on this JVM. */
    static final int HEAD = headFloats(sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET);
    private static final int BEFORE = 16 - HEAD;
    /** Per thread: the sums of the first and the last line of a chunk, whose inner lanes are the output's. */
    private static final ThreadLocal<float[]> LINES = ThreadLocal.withInitial(() -> new float[32]);

    private LineAlignedRowSum() {}

    /** Floats before the first 64-byte boundary, for array data that starts {@code baseOffset} bytes into a line. */
    static int headFloats(int baseOffset) {
        return ((64 - baseOffset % 64) % 64) / Float.BYTES;
    }

    /** Whether {@link #sumRows} applies: 512-bit vectors, rows of whole 64-float chunks, a head of 4 to 12 floats. */
    static boolean applies(int lanes, int d) {
        return lanes == 16 && d % 64 == 0 && HEAD % 4 == 0 && HEAD > 0;
    }

    /**
     * Sums the rows as {@link RowKernels#sumRows} does and returns true, or returns false, having written nothing,
     * when the bag holds the table's first or last row (whose outer line lies outside the array).
     */
    static boolean sumRows(float[] table, int d, int[] ids, int start, int end, float[] out, int outOff) {
        int rows = table.length / d;
        int outside = 0;
        for (int k = start; k < end; k++) outside |= (ids[k] - 1) | (rows - 2 - ids[k]);
        if (outside < 0) return false;
        float[] lines = LINES.get();
        for (int c = 0; c < d; c += 64) {
            int r0 = ids[start] * d + c - BEFORE;
            FloatVector first = FloatVector.fromArray(V, table, r0);
            FloatVector a0 = FloatVector.fromArray(V, table, r0 + 16);
            FloatVector a1 = FloatVector.fromArray(V, table, r0 + 32);
            FloatVector a2 = FloatVector.fromArray(V, table, r0 + 48);
            FloatVector last = FloatVector.fromArray(V, table, r0 + 64);
            for (int k = start + 1; k < end; k++) {
                int r = ids[k] * d + c - BEFORE;
                first = first.add(FloatVector.fromArray(V, table, r));
                a0 = a0.add(FloatVector.fromArray(V, table, r + 16));
                a1 = a1.add(FloatVector.fromArray(V, table, r + 32));
                a2 = a2.add(FloatVector.fromArray(V, table, r + 48));
                last = last.add(FloatVector.fromArray(V, table, r + 64));
            }
            int o = outOff + c;
            first.intoArray(lines, 0);
            last.intoArray(lines, 16);
            System.arraycopy(lines, BEFORE, out, o, HEAD);
            a0.intoArray(out, o + HEAD);
            a1.intoArray(out, o + HEAD + 16);
            a2.intoArray(out, o + HEAD + 32);
            System.arraycopy(lines, 16, out, o + HEAD + 48, BEFORE);
        }
        return true;
    }
}
