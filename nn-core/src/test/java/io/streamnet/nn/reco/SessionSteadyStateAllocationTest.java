package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once its arrays have grown to the catalogue and the sessions, the session learner's view (ranking by the hybrid,
 * the GRU alone and both baselines, then training) allocates nothing. Runs in a JVM of its own, as every
 * {@code *SteadyStateAllocationTest} (see nn-core/pom.xml).
 */
class SessionSteadyStateAllocationTest {
    @Test
    void viewsAllocateAlmostNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemoryEnabled());
        SessionGruSpec model = new SessionGruSpec(42, 1024, 64, 10, 0.1, true, true, 100, true,
                RankingLoss.SAMPLED_SOFTMAX, 64, 0.75, 4, true, 0.1);
        SessionLearner learner = new SessionLearner(new SessionLearnerSpec(20, 1024, 10, 0.8, model));
        long tid = Thread.currentThread().getId();
        // 50 sessions that go on forever over 300 items: after the first rounds nothing new is seen.
        long view = 0;
        long perView = Long.MAX_VALUE;
        for (int round = 0; round < 40 && perView > 64; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2000; i++, view++) {
                learner.process(view % 50, (view * 7919) % 300, view);
            }
            perView = (mx.getThreadAllocatedBytes(tid) - before) / 2000;
        }
        assertTrue(perView <= 64, "allocated " + perView + " bytes per view");
    }
}
