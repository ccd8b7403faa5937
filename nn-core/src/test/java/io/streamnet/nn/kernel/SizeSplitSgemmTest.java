package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizeSplitSgemmTest {

    /** Counts calls; a stand-in kernel for this unit test of the router only. */
    private static final class Counting implements SgemmKernel {
        int calls;

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                          int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            calls++;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counting";
        }
    }

    @Test
    void routesByMultiplyAddsWithoutIntOverflow() {
        Counting small = new Counting();
        Counting large = new Counting();
        SizeSplitSgemm split = new SizeSplitSgemm(small, large, 4096);
        split.sgemm(false, false, 16, 16, 15, 1f, null, 0, 1, null, 0, 1, 0f, null, 0, 1); // 3840
        split.sgemm(false, false, 16, 16, 16, 1f, null, 0, 1, null, 0, 1, 0f, null, 0, 1); // 4096
        split.sgemm(false, false, 2048, 2048, 1024, 1f, null, 0, 1, null, 0, 1, 0f, null, 0, 1); // 2^32
        assertEquals(1, small.calls);
        assertEquals(2, large.calls);
        assertThrows(IllegalArgumentException.class, () -> new SizeSplitSgemm(small, large, -1));
    }
}
