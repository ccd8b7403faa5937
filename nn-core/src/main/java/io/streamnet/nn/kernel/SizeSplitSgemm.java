package io.streamnet.nn.kernel;

/**
 * Sends products of at least {@code minWork} multiply-adds (m * n * k) to one kernel and smaller ones to
 * another: a native call costs a fixed JNI overhead that only larger products repay. A given shape always
 * takes the same route, so results stay reproducible.
 */
final class SizeSplitSgemm implements SgemmKernel {
    private final SgemmKernel small;
    private final SgemmKernel large;
    private final long minWork;

    SizeSplitSgemm(SgemmKernel small, SgemmKernel large, long minWork) {
        if (minWork < 0) throw new IllegalArgumentException("minWork must be >= 0, got " + minWork);
        this.small = small;
        this.large = large;
        this.minWork = minWork;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        SgemmKernel kernel = (long) m * n * k >= minWork ? large : small;
        kernel.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public String name() {
        return large.name();
    }

    @Override
    public String description() {
        return large.description() + " for m*n*k >= " + minWork + ", " + small.description() + " below";
    }
}
