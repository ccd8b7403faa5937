package io.streamnet.jobs.bench;

/**
 * What one scorer's answers to the requests numbered {@code [from, to)} say, from the times the benchmark recorded
 * (when each request was sent, when each answer arrived at a reader, what each answer carried): the same arithmetic
 * for every scorer, so that their figures compare.
 */
final class AnswerTimes {
  private AnswerTimes() {}

  /** Latencies in microseconds over the answered requests, and how many requests had no answer. */
  record Latencies(Quantiles micros, long missing) {
    /** Quantile {@code q} in milliseconds. */
    double millis(double q) {
      return micros.quantile(q) / 1000;
    }
  }

  /** Send to arrival of each answered request of {@code [from, to)}, both times in nanoseconds. */
  static Latencies sendToArrival(SeqTimes sentAtNanos, SeqTimes arrivedAtNanos, long from, long to) {
    long[] out = new long[(int) Math.max(0, to - from)];
    int n = 0;
    for (long q = from; q < to; q++) {
      if (arrivedAtNanos.has(q) && sentAtNanos.has(q)) {
        out[n++] = (arrivedAtNanos.get(q) - sentAtNanos.get(q)) / 1000;
      }
    }
    return new Latencies(Quantiles.of(java.util.Arrays.copyOf(out, n)), out.length - n);
  }

  /** The values recorded for {@code [from, to)} as they are (e.g. the latency, in microseconds, each answer carries). */
  static Latencies carried(SeqTimes valueMicros, long from, long to) {
    long[] out = new long[(int) Math.max(0, to - from)];
    int n = 0;
    for (long q = from; q < to; q++) {
      if (valueMicros.has(q)) {
        out[n++] = valueMicros.get(q);
      }
    }
    return new Latencies(Quantiles.of(java.util.Arrays.copyOf(out, n)), out.length - n);
  }

  /**
   * Answers per second for a burst of requests {@code [from, to)} sent faster than they can be answered: the answers
   * that arrived, over the time from the first request's send to the last answer's arrival. NaN when none arrived.
   */
  static double answeredPerSecond(SeqTimes sentAtNanos, SeqTimes arrivedAtNanos, long from, long to) {
    long firstSent = Long.MAX_VALUE;
    long lastArrived = Long.MIN_VALUE;
    long answered = 0;
    for (long q = from; q < to; q++) {
      if (sentAtNanos.has(q)) {
        firstSent = Math.min(firstSent, sentAtNanos.get(q));
      }
      if (arrivedAtNanos.has(q)) {
        lastArrived = Math.max(lastArrived, arrivedAtNanos.get(q));
        answered++;
      }
    }
    if (answered == 0 || firstSent == Long.MAX_VALUE || lastArrived <= firstSent) {
      return Double.NaN;
    }
    return answered / ((lastArrived - firstSent) / 1e9);
  }
}
