package io.streamnet.edge.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/** Events per second over the last {@link #WINDOW_SECONDS} complete seconds; lock-free. */
public final class RateMeter {
  public static final int WINDOW_SECONDS = 10;
  private static final int SLOTS = WINDOW_SECONDS + 2;

  private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);
  private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
  private final LongSupplier clockMillis;

  public RateMeter(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  public void mark() {
    long s = clockMillis.getAsLong() / 1000;
    int i = (int) (s % SLOTS);
    long at = seconds.get(i);
    if (at != s && seconds.compareAndSet(i, at, s)) {
      counts.set(i, 0); // a slot reused for a new second (an increment racing with the reset may be lost)
    }
    counts.incrementAndGet(i);
  }

  public double perSecond() {
    long now = clockMillis.getAsLong() / 1000;
    long n = 0;
    for (int i = 0; i < SLOTS; i++) {
      long s = seconds.get(i);
      if (s < now && s >= now - WINDOW_SECONDS) {
        n += counts.get(i);
      }
    }
    return n / (double) WINDOW_SECONDS;
  }
}
