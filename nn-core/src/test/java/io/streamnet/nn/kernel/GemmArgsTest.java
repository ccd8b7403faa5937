package io.streamnet.nn.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments are rejected by every kernel, before any memory is touched, with a message naming the argument. */
class GemmArgsTest {

    static Stream<SgemmKernel> kernels() {
        return SgemmKernelsTest.kernels();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void rejectsBadArgumentsNamingThem(SgemmKernel k) {
        float[] a = new float[6];  // 2 x 3
        float[] b = new float[12]; // 3 x 4
        float[] c = {1, 2, 3, 4, 5, 6, 7, 8}; // 2 x 4
        float[] cBefore = c.clone();
        expect("negative size", () -> k.sgemm(false, false, -1, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4));
        expect("leading dimension of a is 2", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 4));
        expect("leading dimension of b (transposed) is 2",
                () -> k.sgemm(false, true, 2, 4, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 4));
        expect("a is 2 x 3 with offset 1", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 1, 3, b, 0, 4, 0f, c, 0, 4));
        expect("b is 3 x 4", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, new float[11], 0, 4, 0f, c, 0, 4));
        expect("c is 2 x 4", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 5));
        expect("c offset -1 is negative", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, -1, 4));
        expect("c must not be the same array as a or b",
                () -> k.sgemm(false, false, 2, 2, 2, 1f, c, 0, 2, b, 0, 4, 0f, c, 0, 2));
        expect("b is null", () -> k.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, null, 0, 4, 0f, c, 0, 4));
        assertArrayEquals(cBefore, c, "a rejected call must not write C");
    }

    private static void expect(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
