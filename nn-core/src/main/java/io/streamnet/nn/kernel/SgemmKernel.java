package io.streamnet.nn.kernel;

/**
 * One implementation of single-precision GEMM on row-major arrays, with the contract of {@link Gemm#sgemm}.
 * Implementations validate their arguments (see {@link Gemm#sgemm}) and are safe to call from several threads
 * at once (per-thread scratch, no shared mutable state).
 */
public interface SgemmKernel {

    /** {@code C = alpha * op(A) * op(B) + beta * C}; see {@link Gemm#sgemm} for the meaning of each argument. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** Short name for logs and benchmark labels, e.g. {@code java} or {@code native}. */
    String name();

    /** One line saying what this kernel is and, for native code, which library backs it. */
    String description();
}
