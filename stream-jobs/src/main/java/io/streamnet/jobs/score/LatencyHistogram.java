package io.streamnet.jobs.score;

/**
 * A fixed-memory histogram of non-negative durations with about 2% relative resolution: values below 64 have a
 * bucket each, above that 32 buckets per doubling. Recording is O(1) and allocation-free, so it can sit on the
 * scoring path; quantiles are read by walking the 1,100 buckets.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 64;
  private static final int PER_DOUBLING = 32;
  private static final int BUCKETS = LINEAR + PER_DOUBLING * 34;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  /** Records {@code value} once. */
  public void record(long value) {
    record(value, 1);
  }

  /** Records {@code value} {@code times} times (negative values count as 0). */
  public void record(long value, long times) {
    long v = Math.max(0, value);
    counts[bucket(v)] += times;
    total += times;
    max = Math.max(max, v);
  }

  public long count() {
    return total;
  }

  public long max() {
    return max;
  }

  /** The value at quantile {@code q} in [0, 1] (a bucket's lower bound), or NaN when empty. */
  public double quantile(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += counts[b];
      if (seen >= Math.max(1, rank)) {
        return Math.min(lowerBound(b), max);
      }
    }
    return max;
  }

  public void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    max = 0;
  }

  /** Adds all of {@code other}'s counts into this one. */
  public void add(LatencyHistogram other) {
    for (int b = 0; b < BUCKETS; b++) {
      counts[b] += other.counts[b];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  static int bucket(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int doublings = 63 - Long.numberOfLeadingZeros(v / LINEAR); // v in [64 * 2^d, 64 * 2^(d+1))
    long base = (long) LINEAR << doublings;
    int sub = (int) (((v - base) * PER_DOUBLING) / base);
    return Math.min(BUCKETS - 1, LINEAR + doublings * PER_DOUBLING + sub);
  }

  static double lowerBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int doublings = (bucket - LINEAR) / PER_DOUBLING;
    int sub = (bucket - LINEAR) % PER_DOUBLING;
    double base = (double) LINEAR * (1L << doublings);
    return base + base * sub / PER_DOUBLING;
  }
}
