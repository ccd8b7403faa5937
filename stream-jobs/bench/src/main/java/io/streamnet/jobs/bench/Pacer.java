package io.streamnet.jobs.bench;

/**
 * An open-loop schedule at a fixed rate: event {@code n} (0-based) is due {@code n / rate} seconds after the start,
 * and {@link #awaitTurn} waits until then, for every event, so events leave evenly spaced rather than in bursts.
 * A sender that falls behind (a GC pause, a busy machine) is never forgiven: it sends the overdue events at once and
 * reports how late each was, so a report can show whether the load generator kept its schedule. Not thread-safe: one
 * sending thread owns it.
 */
final class Pacer {
  /** The time source: {@link System#nanoTime()}, or a fake in tests. */
  @FunctionalInterface
  interface Clock {
    long nanoTime();
  }

  /** A timed wait (not a spin); it may end early, {@link #awaitTurn} then waits again. */
  @FunctionalInterface
  interface Pause {
    void pauseNanos(long nanos) throws InterruptedException;
  }

  private final double nanosPerEvent;
  private final Clock clock;
  private final Pause pause;
  private final long origin;

  /**
   * @param eventsPerSecond the rate, > 0
   * @param clock           time source
   * @param pause           timed wait
   */
  Pacer(double eventsPerSecond, Clock clock, Pause pause) {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("rate must be a finite number > 0, got " + eventsPerSecond);
    }
    this.nanosPerEvent = 1e9 / eventsPerSecond;
    this.clock = clock;
    this.pause = pause;
    this.origin = clock.nanoTime();
  }

  /** A pacer on the system clock, parking the thread while it waits. */
  static Pacer system(double eventsPerSecond) {
    return new Pacer(eventsPerSecond, System::nanoTime, nanos -> {
      java.util.concurrent.locks.LockSupport.parkNanos(nanos);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    });
  }

  /** When event {@code n} is due, on the clock's scale. */
  long dueNanos(long n) {
    return origin + Math.round(n * nanosPerEvent);
  }

  /** Waits until event {@code n} is due; returns how late it is then (0 when on time). */
  long awaitTurn(long n) throws InterruptedException {
    long due = dueNanos(n);
    long now = clock.nanoTime();
    while (now < due) {
      pause.pauseNanos(due - now);
      now = clock.nanoTime();
    }
    return now - due;
  }
}
