package io.streamnet.nn.kernel;

/**
 * Argument checks shared by every {@link SgemmKernel}. They run before any kernel touches memory: the native
 * kernel reads raw array memory, so an out-of-range index must be rejected here, with a message naming the
 * argument, rather than corrupt the heap.
 */
final class GemmArgs {
    private GemmArgs() {}

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (c == null) throw new IllegalArgumentException("sgemm: c is null");
        checkMatrix("c", c, cOff, ldc, m, n);
        if (m == 0 || n == 0 || k == 0) return; // a and b are not read
        if (a == null) throw new IllegalArgumentException("sgemm: a is null");
        if (b == null) throw new IllegalArgumentException("sgemm: b is null");
        // Stored shapes (row-major): A is m x k, or k x m when transposed; B is k x n, or n x k when transposed.
        checkMatrix(transA ? "a (transposed)" : "a", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix(transB ? "b (transposed)" : "b", b, bOff, ldb, transB ? n : k, transB ? k : n);
        if (a == c || b == c) {
            throw new IllegalArgumentException("sgemm: c must not be the same array as a or b");
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) return;
        if (off < 0) throw new IllegalArgumentException("sgemm: " + name + " offset " + off + " is negative");
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + ", smaller than its row width " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols; // one past the last element read or written
        if (last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " is " + rows + " x " + cols + " with offset "
                    + off + " and leading dimension " + ld + ", needs " + last + " elements, array has " + x.length);
        }
    }
}
