package io.streamnet.nn.kernel;

/** A named stand-in kernel for tests of the kernel choice: counts its calls and computes nothing. */
final class FakeKernel implements SgemmKernel {
    private final String name;
    /** The time per call {@link FakeTiming} reports for it. */
    final double nanosPerCall;
    int calls;

    FakeKernel(String name, double nanosPerCall) {
        this.name = name;
        this.nanosPerCall = nanosPerCall;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        calls++;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "fake " + name;
    }
}
