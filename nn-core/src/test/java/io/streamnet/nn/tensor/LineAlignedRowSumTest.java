package io.streamnet.nn.tensor;

import io.streamnet.nn.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line-aligned row sum gives exactly the scalar sums, at the table's ends and beside non-finite rows too. */
class LineAlignedRowSumTest {
    private final RowKernels scalar = new ScalarRowKernels();

    @Test
    void theHeadIsTheFloatsBeforeTheFirstLineBoundary() {
        assertEquals(12, LineAlignedRowSum.headFloats(16));
        assertEquals(4, LineAlignedRowSum.headFloats(48));
        assertEquals(0, LineAlignedRowSum.headFloats(64));
        assertEquals(11, LineAlignedRowSum.headFloats(20));
        // The build's test JVM has compressed class pointers: float data 16 bytes into the array.
        assertEquals(12, LineAlignedRowSum.HEAD);
        assertTrue(LineAlignedRowSum.applies(16, 64));
        assertTrue(LineAlignedRowSum.applies(16, 128));
        assertFalse(LineAlignedRowSum.applies(8, 64));
        assertFalse(LineAlignedRowSum.applies(16, 32));
        assertFalse(LineAlignedRowSum.applies(16, 80));
    }

    @Test
    void sumsAreBitIdenticalToTheScalarOnesAndTheTablesEndsAreLeftToThePlainLoop() {
        RowKernels vector = RowKernels.get();
        Rng rng = new Rng(21);
        for (int d : new int[] {64, 128}) {
            int rows = 9;
            float[] table = new float[rows * d];
            for (int i = 0; i < table.length; i++) table[i] = (float) (2 * rng.nextDouble() - 1);
            // Row 1 starts with -0: a sum that began at zero instead of at the first row would give +0.
            Arrays.fill(table, d, 2 * d, -0f);
            int[][] inner = {{1}, {rows - 2}, {1, rows - 2}, {4, 1, 1, 7, 2, 3}, {3, 5, 6}};
            int[][] ends = {{0}, {rows - 1}, {1, 0}, {rows - 1, 4, 2}};
            for (int[] bag : inner) check(vector, table, d, bag, true);
            for (int[] bag : ends) check(vector, table, d, bag, false);
        }
    }

    private void check(RowKernels vector, float[] table, int d, int[] bag, boolean lineAligned) {
        int[] ids = new int[bag.length + 2];
        System.arraycopy(bag, 0, ids, 1, bag.length);
        float[] want = new float[d + 3];
        scalar.sumRows(table, d, ids, 1, 1 + bag.length, want, 2);
        float[] got = new float[d + 3];
        assertEquals(lineAligned, LineAlignedRowSum.sumRows(table, d, ids, 1, 1 + bag.length, got, 2), Arrays.toString(bag));
        if (lineAligned) same(want, got, "d=" + d + " bag " + Arrays.toString(bag));
        float[] dispatched = new float[d + 3];
        vector.sumRows(table, d, ids, 1, 1 + bag.length, dispatched, 2);
        same(want, dispatched, "vector kernels, d=" + d + " bag " + Arrays.toString(bag));
    }

    @Test
    void neighbouringRowsNeverReachTheSum() {
        int d = 64;
        float[] table = new float[6 * d];
        Arrays.fill(table, 0, d, Float.NaN);
        Arrays.fill(table, d, 2 * d, 1.5f);
        Arrays.fill(table, 2 * d, 3 * d, Float.POSITIVE_INFINITY);
        Arrays.fill(table, 3 * d, 4 * d, -2.25f);
        Arrays.fill(table, 4 * d, 6 * d, Float.NaN);
        float[] got = new float[d];
        assertTrue(LineAlignedRowSum.sumRows(table, d, new int[] {1, 3, 1}, 0, 3, got, 0));
        for (int c = 0; c < d; c++) assertEquals(0.75f, got[c], "element " + c);
    }

    private static void same(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + " [" + i + "]: " + want[i] + " vs " + got[i]);
        }
    }
}
