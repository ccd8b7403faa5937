package io.streamnet.jobs.bench;

import io.streamnet.jobs.score.LatencyHistogram;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far behind the trainer the answers were, in model versions: an answer made at time t by version v lags by the
 * number of versions newer than v that the trainer had created by t (0: the newest). With several scorer instances,
 * each receiving every version on its own, this is also how far apart their models are. Computed from the outside:
 * the snapshots' creation times (the trainer's clock) and the answers' scoring times (the scorer's), one clock in the
 * benchmark's single JVM.
 */
final class VersionLag {
  /** A version the trainer created at {@code createdAtMillis}. */
  record Created(ModelVersion version, long createdAtMillis) {}

  /** An answer by {@code version}, made at {@code scoredAtMillis}. */
  record Answer(ModelVersion version, long scoredAtMillis) {}

  /**
   * @param versions distinct versions among the answers
   * @param lag      versions behind the newest, per answer
   */
  record Result(int versions, LatencyHistogram lag) {}

  private VersionLag() {}

  static Result of(List<Created> created, List<Answer> answers) {
    List<Created> byTime = new ArrayList<>(created);
    byTime.sort(Comparator.comparingLong(Created::createdAtMillis).thenComparing(Created::version));
    LatencyHistogram lag = new LatencyHistogram();
    Set<ModelVersion> versions = new HashSet<>();
    for (Answer a : answers) {
      versions.add(a.version());
      long newer = 0;
      for (Created c : byTime) {
        if (c.createdAtMillis() > a.scoredAtMillis()) {
          break;
        }
        if (c.version().compareTo(a.version()) > 0) {
          newer++;
        }
      }
      lag.record(newer);
    }
    return new Result(versions.size(), lag);
  }
}
