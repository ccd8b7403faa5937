package io.streamnet.connect.replay;

/**
 * Paces events to a target rate without busy-spinning: event {@code n} is due {@code n / rate} seconds after the
 * start, and {@link #acquire()} waits (a timed wait, not a spin) only when the caller is at least
 * {@link #MIN_PAUSE_NANOS} ahead of schedule, so high rates cost one wake-up per millisecond rather than one per
 * event. A caller that falls behind (a slow broker) runs flat out to catch up, but by at most
 * {@link #MAX_CATCH_UP_NANOS} worth of events: a long stall is not followed by a long burst. Not thread-safe: one
 * sending thread owns it.
 */
public final class RateLimiter {
    /** Waits shorter than this are skipped (the caller runs slightly ahead instead): a timed wait costs ~60 us. */
    static final long MIN_PAUSE_NANOS = 1_000_000L;
    /** The most the schedule may lag behind the clock; older debt is forgotten. */
    static final long MAX_CATCH_UP_NANOS = 100_000_000L;

    /** The time source: {@link System#nanoTime()}, or a fake in tests. */
    @FunctionalInterface
    public interface Clock {
        long nanoTime();
    }

    /** A timed wait; the real one may end early (a stop request) and must not spin. */
    @FunctionalInterface
    public interface Pause {
        void pauseNanos(long nanos) throws InterruptedException;
    }

    private final double nanosPerEvent;
    private final Clock clock;
    private final Pause pause;
    private boolean started;
    private long origin;
    private long issued;

    /**
     * @param eventsPerSecond target rate; 0 means unlimited
     */
    public RateLimiter(double eventsPerSecond, Clock clock, Pause pause) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0 (0 = unlimited), got "
                    + eventsPerSecond);
        }
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
        this.clock = clock;
        this.pause = pause;
    }

    /** Unlimited: {@link #acquire()} never waits. */
    public static RateLimiter unlimited() {
        return new RateLimiter(0, System::nanoTime, nanos -> { });
    }

    public boolean isUnlimited() {
        return nanosPerEvent == 0;
    }

    /** Returns when the next event may be sent, waiting if the caller is ahead of schedule. */
    public void acquire() throws InterruptedException {
        if (nanosPerEvent == 0) {
            return;
        }
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            origin = now;
            issued = 0;
        }
        long due = origin + (long) (issued * nanosPerEvent);
        if (now - due > MAX_CATCH_UP_NANOS) {
            // Fell far behind: restart the schedule so that at most MAX_CATCH_UP_NANOS of events burst out.
            origin = now - MAX_CATCH_UP_NANOS;
            issued = 0;
            due = origin;
        }
        issued++;
        long ahead = due - now;
        if (ahead >= MIN_PAUSE_NANOS) {
            pause.pauseNanos(ahead);
        }
    }
}
