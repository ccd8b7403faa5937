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
 * Training throughput of reference model S (EmbeddingBag(2^18, 64, mean) -> Dense 64 ReLU -> Dense 1, BCE),
 * with Adam (lazy rows for the table, as the peer's SparseAdam + Adam) and with plain SGD (lr 0.05), one
 * thread; {@code examples} is the rate to compare with {@code torch_throughput.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class ModelSTrainBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    @Param({"adam", "sgd"})
    public String optimizer;

    /** GEMM kernel: auto (the default choice), java, vector or native. */
    @Param({"auto"})
    public String blas;

    private Network net;
    private Batch b;

    @Setup
    public void setUp() {
        ReferenceBatches.selectBlas(blas);
        net = Network.build(switch (optimizer) {
            case "adam" -> ReferenceSpecs.sentiment();
            case "sgd" -> ReferenceSpecs.sentimentSgd();
            default -> throw new IllegalArgumentException("optimizer must be adam or sgd, got " + optimizer);
        });
        b = ReferenceBatches.sentiment(net, batch, 7);
    }

    @Benchmark
    public TrainResult train(Examples ex) {
        TrainResult r = net.trainBatch(b);
        if (r.status() != TrainStatus.TRAINED) throw new IllegalStateException("step not applied: " + r);
        ex.examples += batch;
        return r;
    }
}
