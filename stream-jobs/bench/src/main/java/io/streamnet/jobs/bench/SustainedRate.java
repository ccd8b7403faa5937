package io.streamnet.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steady-state training rate of a run, from the trainer's metrics records (each: when it was emitted and how many
 * events had been applied by then): the events applied between the first record at or past {@code from} of the
 * stream and the last record at or before {@code to} of it, divided by the time between those two records. Cutting
 * the first and last parts of the stream leaves out job start-up (tasks deploying, sources connecting, the JIT
 * warming the first batches) and the drain at the end (the final full snapshot and checkpoint).
 */
final class SustainedRate {
  /** One trainer metrics record: emitted at {@code atMillis} with {@code applied} events applied so far. */
  record Point(long atMillis, long applied) {}

  /**
   * @param events   applied events between the two records
   * @param seconds  time between them
   * @param fromAt   the first record's time
   * @param toAt     the last record's time
   */
  record Result(long events, double seconds, long fromAt, long toAt) {
    double perSecond() {
      return events / seconds;
    }
  }

  private SustainedRate() {}

  /**
   * @param points  the trainer's metrics records, in any order
   * @param total   events in the stream
   * @param from    start of the measured part as a fraction of {@code total}, in [0, 1)
   * @param to      its end, in ({@code from}, 1]
   * @throws IllegalArgumentException when fewer than two records fall in the measured part (the stream is too short
   *                                  for the metrics cadence: lower metrics.interval_ms or use a longer stream)
   */
  static Result between(List<Point> points, long total, double from, double to) {
    if (!(from >= 0 && from < to && to <= 1)) {
      throw new IllegalArgumentException("need 0 <= from < to <= 1, got from " + from + ", to " + to);
    }
    if (total <= 0) {
      throw new IllegalArgumentException("total events must be > 0, got " + total);
    }
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingLong(Point::atMillis).thenComparingLong(Point::applied));
    double lo = from * total;
    double hi = to * total;
    Point first = null;
    Point last = null;
    for (Point p : sorted) {
      if (first == null && p.applied() >= lo) {
        first = p;
      }
      if (p.applied() <= hi) {
        last = p;
      }
    }
    if (first == null || last == null || last.atMillis() <= first.atMillis() || last.applied() <= first.applied()) {
      throw new IllegalArgumentException("fewer than two trainer metrics records between " + Math.round(lo)
          + " and " + Math.round(hi) + " applied events (of " + total + ", " + points.size() + " records):"
          + " the stream is too short for the metrics interval");
    }
    return new Result(last.applied() - first.applied(), (last.atMillis() - first.atMillis()) / 1000.0,
        first.atMillis(), last.atMillis());
  }
}
