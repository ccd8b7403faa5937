package io.streamnet.nn.bench;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.ReferenceSpecs;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Reference model D (256 floats -> Dense 512 ReLU -> Dense 512 ReLU -> Dense 10, softmax cross-entropy, Adam),
 * training and scoring, one thread. GEMM-bound: run with each kernel (the default blas list) to compare them.
 */
public class ModelDBenchmark extends TrainAndScoreBenchmark {
    @Param({"32", "128"})
    public int batch;

    /** GEMM kernel: auto (the default choice), measured, java, vector or native. */
    @Param({"vector", "native", "java", "measured"})
    public String blas;

    @Setup
    public void setUp() {
        ReferenceBatches.selectBlas(blas);
        net = Network.build(ReferenceSpecs.dense());
        b = ReferenceBatches.dense(net, batch, 7);
        examplesPerCall = batch;
    }
}
