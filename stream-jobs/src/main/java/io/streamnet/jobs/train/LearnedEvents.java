package io.streamnet.jobs.train;

import java.util.Arrays;
import java.util.Map;

/**
 * The ingestion times of the events learned since the last published version, summarised as quantiles when the next
 * version goes out: a scorer that first serves that version knows how fresh the events in it are.
 */
final class LearnedEvents {
  /** The quantiles each version carries, in percent. */
  static final int[] QUANTILES = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  private long[] ingestedAt;
  private int count;

  LearnedEvents(int capacity) {
    ingestedAt = new long[Math.max(1024, capacity)];
  }

  void add(long ingestedAtMillis) {
    if (count == ingestedAt.length) {
      ingestedAt = Arrays.copyOf(ingestedAt, count * 2);
    }
    ingestedAt[count++] = ingestedAtMillis;
  }

  int count() {
    return count;
  }

  /** {@code [count, q0, q10, ..., q100]} (quantiles 0 when count is 0) of the events since the last call. */
  /** Metrics keys: how many events a snapshot is the first to include, and their ingestion-time quantiles. */
  static final String EVENTS_KEY = "learned.events";
  static final String INGEST_PREFIX = "learned.ingest.p";

  /** Writes {@link #takeQuantiles}' figures into a snapshot's metrics (the quantiles only when there were events). */
  static void putInto(Map<String, Double> metrics, double[] quantiles) {
    metrics.put(EVENTS_KEY, quantiles[0]);
    if (quantiles[0] > 0) {
      for (int i = 0; i < QUANTILES.length; i++) {
        metrics.put(INGEST_PREFIX + QUANTILES[i], quantiles[i + 1]);
      }
    }
  }

  double[] takeQuantiles() {
    double[] out = new double[QUANTILES.length + 1];
    out[0] = count;
    if (count > 0) {
      Arrays.sort(ingestedAt, 0, count);
      for (int i = 0; i < QUANTILES.length; i++) {
        int idx = (int) Math.min(count - 1, Math.round(QUANTILES[i] / 100.0 * (count - 1)));
        out[i + 1] = ingestedAt[idx];
      }
    }
    count = 0;
    return out;
  }
}
