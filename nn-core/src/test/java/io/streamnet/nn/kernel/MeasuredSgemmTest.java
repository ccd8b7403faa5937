package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The measured choice ({@code auto}) with given timings: the winner, the margin, the cache, the wait, the budget. */
class MeasuredSgemmTest {
    private final FakeKernel slow = new FakeKernel("slow", 100);
    private final FakeKernel fast = new FakeKernel("fast", 50);
    private final FakeTiming timing = new FakeTiming();

    @Test
    void picksTheFasterKernelAndRunsTheProductOnIt() {
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, fast), timing, 0, 1.1, Long.MAX_VALUE);
        call(auto, 32, 64, 16);
        assertSame(fast, auto.chosenFor(false, false, 32, 64, 16));
        assertEquals(1, fast.calls);
        assertEquals(0, slow.calls);
    }

    @Test
    void measuresEachShapeClassOnceAndCachesTheWinner() {
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, fast), timing, 0, 1.1, Long.MAX_VALUE);
        for (int i = 0; i < 100; i++) call(auto, 32, 64, 16);
        call(auto, 17, 64, 16); // a short batch: same class (m rounds up to 32)
        assertEquals(1, timing.calibrations);
        assertEquals(101, fast.calls);
        call(auto, 64, 64, 16); // another class
        assertEquals(2, timing.calibrations);
        auto.kernelFor(true, false, 32, 64, 16); // transposes make another class too
        assertEquals(3, timing.calibrations);
    }

    @Test
    void aChallengerWithinTheMarginLeavesTheReference() {
        FakeKernel almost = new FakeKernel("almost", 95); // 5% faster than the reference: noise, not a reason
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, almost), timing, 0, 1.1, Long.MAX_VALUE);
        call(auto, 128, 512, 256);
        assertSame(slow, auto.chosenFor(false, false, 128, 512, 256));
    }

    @Test
    void usesTheReferenceUntilTheClassHasBeenInUseLongEnough() {
        // The count of calls is reached, the time in use is not.
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, fast), timing, Long.MAX_VALUE / 2, 1.1, Long.MAX_VALUE);
        int calls = (int) MeasuredSgemm.MIN_CALLS_BEFORE_MEASURING + 200;
        for (int i = 0; i < calls; i++) call(auto, 32, 64, 16);
        assertEquals(0, timing.calibrations);
        assertEquals(calls, slow.calls);
        assertNull(auto.chosenFor(false, false, 32, 64, 16));
    }

    @Test
    void measuresOnceTheKernelHasServedEnoughCallsForTheJit() {
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, fast), timing, 1, 1.1, Long.MAX_VALUE);
        for (int i = 0; i < MeasuredSgemm.MIN_CALLS_BEFORE_MEASURING - 64; i++) call(auto, 32, 64, 16);
        assertEquals(0, timing.calibrations);
        for (int i = 0; i < 128; i++) call(auto, 32, 64, 16);
        assertEquals(1, timing.calibrations);
        assertSame(fast, auto.chosenFor(false, false, 32, 64, 16));
    }

    @Test
    void anEmptyBudgetKeepsTheReference() {
        MeasuredSgemm auto = new MeasuredSgemm(List.of(slow, fast), timing, 0, 1.1, 0);
        call(auto, 32, 64, 16);
        assertEquals(0, timing.calibrations);
        assertSame(slow, auto.chosenFor(false, false, 32, 64, 16));
    }

    @Test
    void shapeClassesRoundUpToPowersOfTwo() {
        assertEquals("32x64x16 NN", ShapeClass.name(ShapeClass.key(false, false, 17, 64, 9)));
        assertEquals("1x1x1 TN", ShapeClass.name(ShapeClass.key(true, false, 1, 1, 1)));
        assertEquals("256x1x128 NT", ShapeClass.name(ShapeClass.key(false, true, 256, 1, 100)));
    }

    private static void call(SgemmKernel k, int m, int n, int depth) {
        k.sgemm(false, false, m, n, depth, 1f, null, 0, depth, null, 0, n, 0f, null, 0, n);
    }
}
