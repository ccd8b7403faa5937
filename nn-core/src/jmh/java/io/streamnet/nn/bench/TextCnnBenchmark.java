package io.streamnet.nn.bench;

import io.streamnet.nn.network.Network;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The TextCNN of {@code textcnn-sst2.yaml} (2^20 x 128 embedding, Conv1D widths 1-4 x 100, max over time, ReLU,
 * Dense 1, BCE, AdaGrad), 50-token sequences, training and scoring, one thread.
 */
// the table and AdaGrad's accumulator take 1 GB, as in the CLI (which runs with -Xmx4g)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class TextCnnBenchmark extends TrainAndScoreBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    @Setup
    public void setUp() {
        net = Network.build(SequenceModels.textCnn());
        b = SequenceBatches.tokens(net, batch, SequenceModels.TEXTCNN_BUCKETS, SequenceModels.TEXTCNN_LENGTH, 7);
        examplesPerCall = batch;
    }
}
