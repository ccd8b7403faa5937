package io.streamnet.jobs.bench;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.jobs.score.LatencyHistogram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Freshness measured from the outside, per labeled event, with the job's definition: from the event's ingestion (its
 * Kafka timestamp, set by the load generator at send time) to the first score made by a model that learned from it.
 *
 * <p>On a single-partition labeled topic the trainer applies events in send order, so event {@code k} (0-based, in
 * send order) is first in the earliest snapshot whose {@code applied_events} exceeds {@code k}; that snapshot's
 * version is served from the first score carrying that version or a newer one (the scorer may skip a version, never
 * go back). Valid while the trainer refuses no batch (a refused batch is not applied, which shifts the count): the
 * caller checks the trainer's {@code refused_events}.
 */
final class Freshness {
  /** A published snapshot: its version and the events applied when it was taken. */
  record Snapshot(ModelVersion version, long applied) {}

  /** The first score carrying {@code version}, scored at {@code scoredAtMillis} (the job's clock). */
  record Served(ModelVersion version, long scoredAtMillis) {}

  /**
   * @param millis     freshness of each resolved event, in ms
   * @param resolved   events with a freshness
   * @param unresolved events in the range not yet in a served model
   */
  record Result(LatencyHistogram millis, long resolved, long unresolved) {}

  private Freshness() {}

  /**
   * Freshness of events {@code [from, to)}.
   *
   * @param ingestedAtMillis the send time of each event, by sequence number
   * @param snapshots        the snapshots published, in any order
   * @param served           the first score of each version seen on the scores topic, in any order
   */
  static Result of(SeqTimes ingestedAtMillis, long from, long to, List<Snapshot> snapshots, List<Served> served) {
    List<Snapshot> byVersion = new ArrayList<>(snapshots);
    byVersion.sort(Comparator.comparing(Snapshot::version));
    List<Served> servedByVersion = new ArrayList<>(served);
    servedByVersion.sort(Comparator.comparing(Served::version));
    // firstServedFrom[i]: the earliest score time of any version >= servedByVersion[i]'s
    long[] firstServedFrom = new long[servedByVersion.size()];
    long earliest = Long.MAX_VALUE;
    for (int i = servedByVersion.size() - 1; i >= 0; i--) {
      earliest = Math.min(earliest, servedByVersion.get(i).scoredAtMillis());
      firstServedFrom[i] = earliest;
    }

    LatencyHistogram millis = new LatencyHistogram();
    long resolved = 0;
    long unresolved = 0;
    int s = 0;
    int v = 0;
    for (long k = from; k < to; k++) {
      while (s < byVersion.size() && byVersion.get(s).applied() <= k) {
        s++;
      }
      if (s == byVersion.size() || !ingestedAtMillis.has(k)) {
        unresolved++;
        continue;
      }
      ModelVersion first = byVersion.get(s).version();
      while (v < servedByVersion.size() && servedByVersion.get(v).version().compareTo(first) < 0) {
        v++;
      }
      if (v == servedByVersion.size()) {
        unresolved++;
        continue;
      }
      millis.record(firstServedFrom[v] - ingestedAtMillis.get(k));
      resolved++;
    }
    return new Result(millis, resolved, unresolved);
  }
}
