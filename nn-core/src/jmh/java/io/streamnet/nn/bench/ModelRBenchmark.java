package io.streamnet.nn.bench;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.spec.ReferenceSpecs;
import io.streamnet.nn.tensor.Tensor;
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
 * Reference model R (user and item Embedding 32 -> concat -> Dense 128 ReLU -> Dense 64 ReLU -> Dense 1, BCE,
 * Adam with lazy rows for the tables), training and scoring, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class ModelRBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    /** GEMM kernel: auto (the default choice), java, vector or native. */
    @Param({"auto"})
    public String blas;

    private Network net;
    private Batch b;

    @Setup
    public void setUp() {
        ReferenceBatches.selectBlas(blas);
        net = Network.build(ReferenceSpecs.recommendation());
        b = ReferenceBatches.recommendation(net, batch, 7);
    }

    @Benchmark
    public TrainResult train(Examples ex) {
        TrainResult r = net.trainBatch(b);
        if (r.status() != TrainStatus.TRAINED) throw new IllegalStateException("step not applied: " + r);
        ex.examples += batch;
        return r;
    }

    @Benchmark
    public Tensor score(Examples ex) {
        ex.examples += batch;
        return net.predict(b);
    }
}
