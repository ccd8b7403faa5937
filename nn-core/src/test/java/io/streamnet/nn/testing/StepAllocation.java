package io.streamnet.nn.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Bytes a step allocates once the JIT has compiled it: interpreted Vector API code boxes its vectors, and a late
 * recompilation can box for a while, so the step runs in rounds until one round stays within the limit (at most 40
 * rounds). An allocation in the step itself (a buffer, a per-example object) shows in every round.
 */
public final class StepAllocation {
    private StepAllocation() {}

    /** The bytes per step of the last round: at most {@code limit} unless every round allocated more. */
    public static long perStep(Runnable step, int stepsPerRound, long limit) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemoryEnabled());
        long tid = Thread.currentThread().getId();
        long perStep = Long.MAX_VALUE;
        for (int round = 0; round < 40 && perStep > limit; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < stepsPerRound; i++) step.run();
            perStep = (mx.getThreadAllocatedBytes(tid) - before) / stepsPerRound;
        }
        return perStep;
    }
}
