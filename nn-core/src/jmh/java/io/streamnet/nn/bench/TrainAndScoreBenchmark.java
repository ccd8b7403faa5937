package io.streamnet.nn.bench;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Training and scoring of one reference model on one fixed batch, one thread; a subclass builds the network and
 * the batch in its {@code @Setup} (JMH names the benchmarks after the subclass).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public abstract class TrainAndScoreBenchmark {
    protected Network net;
    protected Batch b;
    protected int examplesPerCall;

    @Benchmark
    public TrainResult train(Examples ex) {
        TrainResult r = net.trainBatch(b);
        if (r.status() != TrainStatus.TRAINED) throw new IllegalStateException("step not applied: " + r);
        ex.examples += examplesPerCall;
        return r;
    }

    @Benchmark
    public Tensor score(Examples ex) {
        ex.examples += examplesPerCall;
        return net.predict(b);
    }
}
