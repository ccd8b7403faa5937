package io.streamnet.nn.bench;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.spec.ReferenceSpecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Models S (Adam), R and D trained alternately in one JVM, one step of the next model per call, as a TaskManager
 * running the sentiment and the recommendation jobs side by side would: the GEMM and row kernels see every model's
 * shapes, and must stay compiled (no deoptimisation loop) and allocation-free. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} is bytes per training step (target: at most 128).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class SeveralModelsBenchmark {
    /** Batch size of every model's steps. */
    @Param({"32", "128"})
    public int batch;

    /** GEMM kernel: auto (the default choice), java, vector or native. */
    @Param({"auto"})
    public String blas;

    private Network[] nets;
    private Batch[] batches;
    private int next;

    @Setup
    public void setUp() {
        ReferenceBatches.selectBlas(blas);
        Network s = Network.build(ReferenceSpecs.sentiment());
        Network r = Network.build(ReferenceSpecs.recommendation());
        Network d = Network.build(ReferenceSpecs.dense());
        nets = new Network[] {s, r, d};
        batches = new Batch[] {
            ReferenceBatches.sentiment(s, batch, 7),
            ReferenceBatches.recommendation(r, batch, 7),
            ReferenceBatches.dense(d, batch, 7)
        };
    }

    /** One training step of S, R or D in turn; {@code examples} counts the examples of all three. */
    @Benchmark
    public TrainResult trainAlternately(Examples ex) {
        int i = next;
        next = i == 2 ? 0 : i + 1;
        TrainResult res = nets[i].trainBatch(batches[i]);
        if (res.status() != TrainStatus.TRAINED) throw new IllegalStateException("step not applied: " + res);
        ex.examples += batch;
        return res;
    }
}
