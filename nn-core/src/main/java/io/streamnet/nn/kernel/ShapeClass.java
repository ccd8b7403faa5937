package io.streamnet.nn.kernel;

/**
 * The class of a product for the kernel choice: the transposes and m, n, k each rounded up to a power of two, so a
 * short last batch (17 rows) takes the kernel its full batch (32) was measured with. Encoded in one positive int
 * (2 bits of transposes, 5 bits per exponent): no allocation on the {@link Gemm#sgemm} path.
 */
final class ShapeClass {
    private ShapeClass() {}

    static int key(boolean transA, boolean transB, int m, int n, int k) {
        return (transA ? 1 << 16 : 0) | (transB ? 1 << 15 : 0) | exponent(m) << 10 | exponent(n) << 5 | exponent(k);
    }

    /** e.g. {@code 32x64x16 NT}: the rounded sizes and the transposes of A and B. */
    static String name(int key) {
        return (1 << (key >>> 10 & 31)) + "x" + (1 << (key >>> 5 & 31)) + "x" + (1 << (key & 31)) + " "
                + ((key & 1 << 16) != 0 ? "T" : "N") + ((key & 1 << 15) != 0 ? "T" : "N");
    }

    /** ceil(log2(x)) for x >= 1; 0 for 0 and 1. */
    private static int exponent(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }
}
