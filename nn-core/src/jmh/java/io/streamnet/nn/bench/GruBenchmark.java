package io.streamnet.nn.bench;

import io.streamnet.nn.network.Network;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A GRU text classifier ({@link SequenceModels#gru}: 2^20 x 64 embedding, GRU 64 units, last state, Dense 1, BCE,
 * AdaGrad), 64-token sequences, training and scoring, one thread.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class GruBenchmark extends TrainAndScoreBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    @Setup
    public void setUp() {
        net = Network.build(SequenceModels.gru());
        b = SequenceBatches.tokens(net, batch, SequenceModels.GRU_BUCKETS, SequenceModels.GRU_LENGTH, 7);
        examplesPerCall = batch;
    }
}
