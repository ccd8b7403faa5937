package io.streamnet.nn.bench;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.ReferenceSpecs;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Reference model R (user and item Embedding 32 -> concat -> Dense 128 ReLU -> Dense 64 ReLU -> Dense 1, BCE,
 * Adam with lazy rows for the tables), training and scoring, one thread.
 */
public class ModelRBenchmark extends TrainAndScoreBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    /** GEMM kernel: auto (the default choice), java, vector or native. */
    @Param({"auto"})
    public String blas;

    @Setup
    public void setUp() {
        ReferenceBatches.selectBlas(blas);
        net = Network.build(ReferenceSpecs.recommendation());
        b = ReferenceBatches.recommendation(net, batch, 7);
        examplesPerCall = batch;
    }
}
