package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldBackTest {

    private static final int N = 200_000;

    @Test
    void holdsBackTheRequestedShare() {
        for (double fraction : new double[] {0.01, 0.1, 0.5, 0.9}) {
            HoldBack holdBack = new HoldBack(fraction, 42);
            int held = 0;
            for (int i = 0; i < N; i++) {
                if (holdBack.isRequest(i)) {
                    held++;
                }
            }
            double sd = Math.sqrt(N * fraction * (1 - fraction));
            assertEquals(N * fraction, held, 4 * sd, "fraction " + fraction);
        }
    }

    @Test
    void zeroAndOneAreExact() {
        HoldBack none = new HoldBack(0, 42);
        HoldBack all = new HoldBack(1, 42);
        for (int i = 0; i < 10_000; i++) {
            assertFalse(none.isRequest(i));
            assertTrue(all.isRequest(i));
        }
        assertFalse(HoldBack.none().isRequest(7));
    }

    @Test
    void theChoiceDependsOnlyOnSeedAndIndex() {
        HoldBack a = new HoldBack(0.3, 7);
        HoldBack b = new HoldBack(0.3, 7);
        // Asked in a different order (as a limit or another stream order would): the same answers.
        for (int i = N - 1; i >= 0; i--) {
            assertEquals(a.isRequest(i), b.isRequest(i), "index " + i);
        }
        assertEquals(List.of(0L, 7L, 8L, 17L, 21L), firstHeldBack(new HoldBack(0.3, 42), 5),
                "pinned: the hold-back of seed 42 is part of what a replay reproduces");
    }

    @Test
    void otherSeedsChooseOtherRecordsIndependently() {
        HoldBack a = new HoldBack(0.5, 42);
        HoldBack b = new HoldBack(0.5, 43);
        int both = 0;
        for (int i = 0; i < N; i++) {
            if (a.isRequest(i) && b.isRequest(i)) {
                both++;
            }
        }
        // Independent choices overlap in a quarter of the records.
        assertEquals(N * 0.25, both, 4 * Math.sqrt(N * 0.25 * 0.75));
    }

    @Test
    void aLargerFractionHoldsBackASuperset() {
        HoldBack small = new HoldBack(0.1, 42);
        HoldBack large = new HoldBack(0.4, 42);
        for (int i = 0; i < N; i++) {
            if (small.isRequest(i)) {
                assertTrue(large.isRequest(i), "index " + i);
            }
        }
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new HoldBack(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HoldBack(1.5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HoldBack(Double.NaN, 1));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    private static List<Long> firstHeldBack(HoldBack holdBack, int count) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; out.size() < count; i++) {
            if (holdBack.isRequest(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
