package io.streamnet.jobs.bench;

import java.util.Arrays;

/**
 * Exact quantiles of a set of latencies (nearest rank: the smallest value with at least a fraction {@code q} of the
 * values at or below it). The edge benchmark compares two scorers' latencies that differ by a few milliseconds, so it
 * sorts the values instead of using the job's log-bucketed histogram, whose buckets are that wide.
 */
final class Quantiles {
  private final long[] sorted;

  private Quantiles(long[] sorted) {
    this.sorted = sorted;
  }

  /** The quantiles of {@code values} (copied). */
  static Quantiles of(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return new Quantiles(s);
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank quantile {@code q} in (0, 1]; NaN when there are no values. */
  double quantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + q);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The largest value; NaN when there are none. */
  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }
}
