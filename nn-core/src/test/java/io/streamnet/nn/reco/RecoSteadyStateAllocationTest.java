package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once its buffers have grown and its users and items are known, the learner's step (scoring, exact ranking,
 * training) and the model's top-K allocate nothing per event. Runs in the JVM of its own that the steady-state
 * surefire execution gives every {@code *SteadyStateAllocationTest} (see nn-core/pom.xml): other tests' JIT state
 * could keep Vector API kernels interpreted, and interpreted Vector API code boxes.
 */
class RecoSteadyStateAllocationTest {
    @Test
    void learnerStepsAndTopKAllocateAlmostNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemoryEnabled());
        // Width 64: the vector kernels' full-width paths, as in production (narrow rows take masked paths).
        RecommenderSpec spec = TinySpecs.parse(TinySpecs.spec(RecommenderTest.TOWER, RecommenderTest.LOSS, 0.1).toJson()
                .replace("\"dim\":6", "\"dim\":64").replace("\"capacity\":32,", "\"capacity\":256,")
                .replace("\"vocab\":32}", "\"vocab\":256}").replace("\"capacity\":16,", "\"capacity\":32,")
                .replace("\"vocab\":16}", "\"vocab\":32}"));
        RecoLearner learner = new RecoLearner(new RecoLearnerSpec(spec, 1024, 10, 0));
        // A fixed set of batches over 20 users and 200 items: after the first pass every history and table has grown.
        List<List<InteractionEvent>> batches = StreamFixture.batches(4, 64, 32, 20, 200);
        UserHistory history = learner.histories().getOrCreate(10_001);
        long[] ids = new long[10];
        float[] scores = new float[10];
        long tid = Thread.currentThread().getId();
        // Rounds of 2000 steps until one allocates at most 256 bytes per step (the JIT must have compiled the path
        // first: interpreted Vector API code boxes), at most 40 rounds. A buffer or an object per event would show in
        // every round and fail.
        long perStep = Long.MAX_VALUE;
        for (int round = 0; round < 40 && perStep > 256; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2000; i++) {
                learner.step(batches.get(i % batches.size()));
                learner.model().topK(history, 10_001, 10, ids, scores);
            }
            perStep = (mx.getThreadAllocatedBytes(tid) - before) / 2000;
        }
        // The rating head's TrainResult record per step at most.
        assertTrue(perStep <= 256, "allocated " + perStep + " bytes per step of 32 events and one top-K");
    }
}
