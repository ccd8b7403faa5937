package io.streamnet.nn.kernel;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} matrices:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 * op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are row strides (row-major leading dimensions).
 *
 * <p>This is the one entry point every layer uses for dense products, so the kernel behind it
 * (pure Java, Java Vector API or native BLAS) is chosen in one place: {@link GemmKernels} picks it on first use,
 * from {@code -Dstreamnet.blas}, and logs the choice once. All kernels give the same results up to float
 * rounding (they sum in different orders); {@code auto} picks one in a fixed order, so runs repeat bit for bit on
 * a given configuration. {@code measured} ({@link MeasuredSgemm}) picks per shape class by timing, at that price.
 *
 * <p>BLAS semantics: when beta is 0, C is overwritten without being read. Arguments are checked
 * (sizes, offsets, leading dimensions, array bounds; C may not be the same array as A or B), with an
 * {@link IllegalArgumentException} naming the faulty one.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        Selected.KERNEL.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The kernel behind {@link #sgemm} in this JVM. */
    public static SgemmKernel kernel() {
        return Selected.KERNEL;
    }

    /** Holds the choice in a constant the JIT can inline through; initialised (and logged) on first use. */
    private static final class Selected {
        static final SgemmKernel KERNEL;

        static {
            GemmKernels.Choice choice = GemmKernels.chooseFromProperties();
            KERNEL = choice.kernel;
            System.Logger log = System.getLogger(Gemm.class.getName());
            log.log(System.Logger.Level.INFO, "GEMM kernel: {0}: {1} ({2})",
                    KERNEL.name(), KERNEL.description(), choice.reason);
            if (KERNEL.description().contains("native BLAS") && !"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
                log.log(System.Logger.Level.WARNING, "GEMM kernel: native BLAS may start its own threads; "
                        + "set OPENBLAS_NUM_THREADS=1 (parallelism comes from the job's tasks)");
            }
        }
    }
}
