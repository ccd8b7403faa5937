package io.streamnet.nn.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.testing.SyntheticBags;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Steady-state training and scoring allocate nothing per example. Runs in a JVM of its own (see the surefire
 * execution "steady-state-allocation" in nn-core/pom.xml): the JIT state left by other tests' shapes can keep the
 * Vector API kernels deoptimised, and interpreted Vector API code boxes, which would measure the test suite,
 * not the engine.
 */
class SteadyStateAllocationTest {

    @Test
    void steadyStateTrainingAndScoringAllocateAlmostNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemoryEnabled());
        Network net = Network.build(NetworkSpec.builder().seed(1).sparseInput("tokens", 5000)
                .embeddingBag("emb", "tokens", 32, "mean").dense("hidden", 32, "relu").dropout("drop", 0.1).layerNorm("norm")
                .dense("out", 1).loss("bce_with_logits").optimizer(OptimizerSpec.adam(1e-3).withClipNorm(1)).build());
        SyntheticBags data = new SyntheticBags(1, 5000, 100);
        Batch[] batches = new Batch[8];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = net.newBatch();
            data.fill(batches[i], 32);
        }
        long tid = Thread.currentThread().getId();
        // The step must stop allocating once the JIT has compiled it (interpreted Vector API code boxes its vectors,
        // and a late recompilation can box for a while): rounds of 500 steps until one allocates at most 128 bytes
        // per step, at most 40 rounds. An allocation in the step itself (a buffer, a per-example object) would show
        // in every round and fail.
        long perStep = Long.MAX_VALUE;
        for (int round = 0; round < 40 && perStep > 128; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 500; i++) {
                net.trainBatch(batches[i % 8]);
                net.predict(batches[i % 8]);
            }
            perStep = (mx.getThreadAllocatedBytes(tid) - before) / 500;
        }
        // One small TrainResult record per step at most; no buffers, no per-example garbage.
        assertTrue(perStep <= 128, "allocated " + perStep + " bytes per train+predict step");
    }

}
