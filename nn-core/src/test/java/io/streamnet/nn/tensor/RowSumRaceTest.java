package io.streamnet.nn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The race keeps the loop with the faster call, per size of call, and races again after a while. */
class RowSumRaceTest {
    /** Runs one race for calls of {@code ids} ids in which the plain loop takes plainNanos and the aligned one alignedNanos. */
    private static void race(RowSumRace race, int ids, long plainNanos, long alignedNanos) {
        for (int i = 0; i < 2 * RowSumRace.TRIALS; i++) {
            boolean aligned = race.lineAligned(ids);
            assertEquals(i % 2 == 1, aligned, "the race alternates, call " + i);
            race.record(ids, aligned ? alignedNanos : plainNanos);
        }
    }

    @Test
    void keepsTheFasterLoopForEachSizeOfCall() {
        RowSumRace race = new RowSumRace();
        race(race, 256, 1_000, 600);
        race(race, 8_192, 40_000, 55_000);
        assertTrue(race.lineAligned(256));
        assertTrue(race.lineAligned(300), "same power of two as 256");
        assertFalse(race.lineAligned(8_192));
        assertFalse(race.lineAligned(16_000));
        race.record(256, 10);
        race.record(8_192, 10);
        assertTrue(race.lineAligned(256), "a chosen loop stays chosen between races");
    }

    @Test
    void aTieGoesToThePlainLoop() {
        RowSumRace race = new RowSumRace();
        race(race, 256, 1_000, 980);
        assertFalse(race.lineAligned(256), "2% faster is a tie");
        race(race, 512, 1_000, 960);
        assertTrue(race.lineAligned(512), "4% faster is not");
    }

    @Test
    void oneSlowCallDoesNotDecideTheRace() {
        RowSumRace race = new RowSumRace();
        for (int i = 0; i < 2 * RowSumRace.TRIALS; i++) {
            boolean aligned = race.lineAligned(64);
            // The aligned loop's first call is slow (a preemption, a compilation); its fastest call is what counts.
            race.record(64, aligned ? (i == 1 ? 1_000_000 : 500) : 800);
        }
        assertTrue(race.lineAligned(64));
    }

    @Test
    void racesAgainAfterItsInterval() {
        RowSumRace race = new RowSumRace();
        race(race, 1_000, 1_000, 500);
        for (int i = 0; i < RowSumRace.RACE_EVERY; i++) {
            assertTrue(race.lineAligned(1_000));
            race.record(1_000, 500);
        }
        race(race, 1_000, 300, 500);
        assertFalse(race.lineAligned(1_000), "the workload changed and the plain loop won the new race");
    }
}
