package io.streamnet.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** bfloat16 rounding, packing and the pair dot products of both row kernels. */
class Bfloat16PairsTest {

    private static float widen(int bf16) {
        return Float.intBitsToFloat(bf16 << 16);
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        assertEquals(1f, widen(Bfloat16Pairs.round(1f)));
        float oneUlp = Math.nextUp(1f);
        assertEquals(1f, widen(Bfloat16Pairs.round(oneUlp)), "below half a bfloat16 step: down");
        float step = 0x1p-7f; // bfloat16's spacing just above 1
        assertEquals(1f, widen(Bfloat16Pairs.round(1f + step / 2)), "a tie to the even neighbour: 1");
        assertEquals(1f + 2 * step, widen(Bfloat16Pairs.round(1f + 3 * step / 2)), "a tie to the even neighbour: up");
        assertEquals(1f + step, widen(Bfloat16Pairs.round(Math.nextUp(1f + step / 2))), "above the tie: up");
        assertEquals(-1.5f, widen(Bfloat16Pairs.round(-1.5f)));
        assertEquals(Float.POSITIVE_INFINITY, widen(Bfloat16Pairs.round(Float.MAX_VALUE)), "overflow rounds to infinity");
        assertTrue(Float.isNaN(widen(Bfloat16Pairs.round(Float.NaN))));
        assertTrue(Float.isNaN(widen(Bfloat16Pairs.round(Float.intBitsToFloat(0x7F800001)))),
                "a NaN whose payload sits in the dropped bits stays a NaN");
        assertEquals(0x8000, Bfloat16Pairs.round(-0f));
    }

    @Test
    void theRelativeErrorIsAtMostTwoToTheMinusEight() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            float x = Float.intBitsToFloat(rng.nextInt(0x00800000, 0x7F000000)) * (rng.nextBoolean() ? 1 : -1);
            float back = widen(Bfloat16Pairs.round(x));
            assertTrue(Math.abs(back - x) <= Bfloat16Pairs.RELATIVE_ERROR * Math.abs(x), x + " -> " + back);
        }
    }

    @Test
    void packsElementJHighAndHalfPlusJLowWithAZeroPadForAnOddDimRowsSideBySideInABlock() {
        float[] row = {1f, 2f, 3f, 4f, 5f};
        int half = Bfloat16Pairs.half(5);
        assertEquals(3, half);
        int[] packed = new int[2 * half * Bfloat16Pairs.BLOCK];
        Bfloat16Pairs.packIntoBlock(row, 0, 5, packed, 17); // block 1, lane 1
        float[][] expect = {{1f, 4f}, {2f, 5f}, {3f, 0f}};
        for (int j = 0; j < half; j++) {
            int q = packed[(half + j) * Bfloat16Pairs.BLOCK + 1];
            assertEquals(expect[j][0], Bfloat16Pairs.high(q));
            assertEquals(expect[j][1], Bfloat16Pairs.low(q));
        }
        assertEquals(half, java.util.Arrays.stream(packed).filter(q -> q != 0).count(), "nothing else written");
    }

    @Test
    void bothKernelsComputeTheBlockDotsBitForBitWithinFloatRoundingOfTheExactSum() {
        SplittableRandom rng = new SplittableRandom(8);
        int w = Bfloat16Pairs.BLOCK;
        for (int dim : new int[] {1, 2, 7, 31, 32, 33, 64, 100, 128, 130}) {
            int half = Bfloat16Pairs.half(dim);
            for (int rows : new int[] {1, 16, 37, 64}) {
                int blocks = (rows + w - 1) / w;
                float[] table = new float[rows * dim];
                for (int i = 0; i < table.length; i++) table[i] = (float) rng.nextGaussian();
                int[] packed = new int[blocks * w * half];
                for (int r = 0; r < rows; r++) Bfloat16Pairs.packIntoBlock(table, r * dim, dim, packed, r);
                float[] u = new float[2 * half];
                for (int j = 0; j < dim; j++) u[j] = (float) rng.nextGaussian();
                float[] scalar = new float[blocks * w];
                float[] vector = new float[blocks * w];
                new ScalarRowKernels().bfloat16BlockDots(packed, half, u, blocks, scalar);
                RowKernels.get().bfloat16BlockDots(packed, half, u, blocks, vector);
                assertArrayEquals(scalar, vector, "dim " + dim + ", " + rows + " rows");
                for (int r = 0; r < rows; r++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int j = 0; j < dim; j++) {
                        double v = Float.intBitsToFloat(Bfloat16Pairs.round(table[r * dim + j]) << 16);
                        exact += u[j] * v;
                        magnitude += Math.abs(u[j] * v);
                    }
                    assertTrue(Math.abs(scalar[r] - exact) <= dim * 0x1p-24 * magnitude + 1e-30,
                            "dim " + dim + " row " + r + ": " + scalar[r] + " vs " + exact);
                }
            }
        }
    }
}
