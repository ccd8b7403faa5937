package io.streamnet.nn.bench;

import io.streamnet.nn.kernel.GemmKernels;
import io.streamnet.nn.kernel.SgemmKernel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * SGEMM kernels on the products of the reference models' Dense layers (forward X.W: NN; weight gradient X^T.dY:
 * TN; input gradient dY.W^T: NT), one thread. The {@code flops} counter is the rate in floating-point
 * operations per second (2 m n k per call).
 * <pre>
 * OPENBLAS_NUM_THREADS=1 java -jar nn-core/target/benchmarks.jar GemmBenchmark -p kernel=java,vector,native
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class GemmBenchmark {

    /** {@code m x n x k} and the transposes, e.g. {@code 128x512x512:NT}. */
    @Param({
            // D at batch 128: 256 -> 512 -> 512 -> 10
            "128x512x256:NN", "128x512x512:NN", "128x10x512:NN",
            "256x512x128:TN", "512x512x128:TN", "512x10x128:TN",
            "128x512x512:NT", "128x512x10:NT",
            // R at batch 256: 64 -> 128 -> 64 -> 1
            "256x128x64:NN", "256x64x128:NN", "256x1x64:NN",
            "64x128x256:TN", "128x64x256:TN", "64x1x256:TN",
            "256x64x128:NT", "256x128x64:NT", "256x64x1:NT",
            // S at batch 32 and 1: 64 -> 64 -> 1
            "32x64x64:NN", "64x64x32:TN", "32x64x64:NT", "1x64x64:NN", "1x64x64:NT",
    })
    public String shape;

    /** java, vector (needs --add-modules jdk.incubator.vector, set by the fork) or native (the raw BLAS, no split). */
    @Param({"java", "vector", "native"})
    public String kernel;

    private SgemmKernel k;
    private boolean transA, transB;
    private int m, n, kk, lda, ldb;
    private float[] a, b, c;

    /** Rate counters reported next to the call rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Floating-point operations (2 per multiply-add). */
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Setup
    public void setUp() {
        k = switch (kernel) {
            case "java" -> GemmKernels.java();
            case "vector" -> GemmKernels.vector().orElseThrow(
                    () -> new IllegalStateException(GemmKernels.vectorUnavailableReason()));
            case "native" -> GemmKernels.nativeBlas().orElseThrow(
                    () -> new IllegalStateException(GemmKernels.nativeUnavailableReason()));
            default -> throw new IllegalArgumentException("kernel must be java, vector or native, got " + kernel);
        };
        String[] dims = shape.substring(0, shape.indexOf(':')).split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        kk = Integer.parseInt(dims[2]);
        transA = shape.charAt(shape.length() - 2) == 'T';
        transB = shape.charAt(shape.length() - 1) == 'T';
        lda = transA ? m : kk;
        ldb = transB ? kk : n;
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[m * kk];
        b = new float[kk * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
    }

    @Benchmark
    public float[] sgemm(Rates rates) {
        k.sgemm(transA, transB, m, n, kk, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        rates.flops += 2L * m * n * kk;
        return c;
    }
}
