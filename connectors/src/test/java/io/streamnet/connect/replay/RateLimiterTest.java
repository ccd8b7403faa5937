package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing logic on a fake clock: pauses advance the clock by exactly what was asked. */
class RateLimiterTest {

    private long now = 1_000_000_000L;
    private final List<Long> pauses = new ArrayList<>();

    private RateLimiter limiter(double rate) {
        return new RateLimiter(rate, () -> now, nanos -> {
            pauses.add(nanos);
            now += nanos;
        });
    }

    @Test
    void pacesEventsToTheRate() throws InterruptedException {
        RateLimiter limiter = limiter(100);
        long start = now;
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire();
        }
        // Event n is due at n/100 s: the 1000th (n = 999) at 9.99 s.
        assertEquals(9_990_000_000L, now - start, 1_000_000);
        assertEquals(999, pauses.size(), "one pause per event at 100/s");
    }

    @Test
    void aHighRatePausesAboutOncePerMillisecondNotPerEvent() throws InterruptedException {
        RateLimiter limiter = limiter(200_000);
        long start = now;
        for (int i = 0; i < 200_000; i++) {
            limiter.acquire();
        }
        assertEquals(1e9, now - start, 2e6, "200k events at 200k/s take one second");
        assertTrue(pauses.size() <= 1_000, "at most one pause per ms, got " + pauses.size());
        assertTrue(pauses.stream().allMatch(p -> p >= RateLimiter.MIN_PAUSE_NANOS), "no tiny pauses");
    }

    @Test
    void neverPausesWhenTheCallerIsSlowerThanTheRate() throws InterruptedException {
        RateLimiter limiter = limiter(1_000);
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
            now += 2_000_000; // the caller needs 2 ms per event: half the allowed rate
        }
        assertEquals(List.of(), pauses);
    }

    @Test
    void aStallIsFollowedByABoundedBurstOnly() throws InterruptedException {
        RateLimiter limiter = limiter(1_000);
        limiter.acquire();
        now += 10_000_000_000L; // a 10 s stall (a slow broker)
        int burst = 0;
        while (pauses.isEmpty()) {
            limiter.acquire();
            burst++;
        }
        // Catching up is capped at MAX_CATCH_UP (100 ms = 100 events), plus the pause threshold (1 ms = 1 event).
        assertEquals(101, burst, 2);
    }

    @Test
    void fractionalRatesWork() throws InterruptedException {
        RateLimiter limiter = limiter(0.5);
        long start = now;
        limiter.acquire();
        limiter.acquire();
        limiter.acquire();
        assertEquals(4_000_000_000L, now - start, "one event every 2 s");
    }

    @Test
    void zeroMeansUnlimited() throws InterruptedException {
        RateLimiter limiter = limiter(0);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(), pauses);
        assertTrue(limiter.isUnlimited());
        assertTrue(RateLimiter.unlimited().isUnlimited());
    }

    @Test
    void rejectsANegativeOrNonFiniteRate() {
        assertThrows(IllegalArgumentException.class, () -> limiter(-1));
        assertThrows(IllegalArgumentException.class, () -> limiter(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> limiter(Double.POSITIVE_INFINITY));
    }
}
