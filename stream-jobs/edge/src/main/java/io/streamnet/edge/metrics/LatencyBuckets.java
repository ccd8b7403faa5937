package io.streamnet.edge.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram in Prometheus' cumulative form: counts per upper bound in seconds, the sum and the count.
 * Recording is lock-free and allocation-free (any number of scoring threads).
 */
public final class LatencyBuckets {
  /** Upper bounds in seconds; the last bucket ({@code +Inf}) is implied. */
  public static final double[] BOUNDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10};

  private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
  private final LongAdder sumMicros = new LongAdder();

  public LatencyBuckets() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void record(long micros) {
    double seconds = micros / 1e6;
    int i = 0;
    while (i < BOUNDS.length && seconds > BOUNDS[i]) {
      i++;
    }
    counts[i].increment();
    sumMicros.add(micros);
  }

  /** Observations at most {@code BOUNDS[i]} seconds (i == BOUNDS.length: all of them). */
  public long cumulative(int i) {
    long n = 0;
    for (int j = 0; j <= i; j++) {
      n += counts[j].sum();
    }
    return n;
  }

  public long count() {
    return cumulative(BOUNDS.length);
  }

  public double sumSeconds() {
    return sumMicros.sum() / 1e6;
  }
}
