package io.streamnet.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a demo run measured, from the committed (read_committed) output of the job.
 *
 * @param task             the job's task, which chooses the figures reported and the keys of the summary line
 * @param datasets         the datasets replayed, in order
 * @param labeled          labeled events sent (acknowledged by Kafka)
 * @param requests         held-back requests sent
 * @param scored           distinct requests with a committed answer
 * @param scoreRecords     committed answer records (equals {@code scored} when each request was answered once)
 * @param learned          the trainer's figures in the task's terms, and the learning curve
 * @param modelEpoch       the trainer's epoch at the end
 * @param modelVersion     the trainer's newest published version at the end
 * @param freshnessP50Ms   median freshness (event ingestion to the first answer by a model that learned from it),
 *                         from the scorer's last metrics record; NaN when it reported none
 * @param freshnessP99Ms   the same, 99th percentile
 * @param latency          answer latency of the committed answers: served requests, and apart those that waited
 *                         for the first model
 * @param dlq              committed dead letters
 * @param replaySeconds    from the first event sent to the last one acknowledged
 * @param elapsedSeconds   from the first event sent to the moment everything was applied and answered
 */
public record DemoSummary(DemoTask task, List<String> datasets, long labeled, long requests, long scored,
                          long scoreRecords, LearnedFigures learned, long modelEpoch, long modelVersion,
                          double freshnessP50Ms, double freshnessP99Ms, ScoreLatency latency, long dlq,
                          double replaySeconds, double elapsedSeconds) {

  public DemoSummary {
    Objects.requireNonNull(task, "task");
    datasets = List.copyOf(datasets);
    Objects.requireNonNull(learned, "learned");
    Objects.requireNonNull(latency, "latency");
  }

  /**
   * The summary as the demo's last line, the task's keys in order ({@link DemoTask#lineKeys()}), e.g. for sentiment
   * {@code labeled=… requests=… scored=… accuracy=… model_version=… freshness_p50_ms=… score_p50_ms=… score_p99_ms=…
   * buffered=… buffered_wait_max_ms=… dlq=…}; the score latencies are the served requests', {@code buffered} counts
   * the requests that waited for the first model.
   */
  public String keyValueLine() {
    Map<String, String> values = lineValues();
    StringBuilder s = new StringBuilder();
    for (String key : task.lineKeys()) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalStateException("the summary has no figure '" + key + "'");
      }
      s.append(s.length() == 0 ? "" : " ").append(key).append('=').append(v);
    }
    return s.toString();
  }

  /** Every figure the line may show, formatted. */
  private Map<String, String> lineValues() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("labeled", Long.toString(labeled));
    m.put("requests", Long.toString(requests));
    m.put("scored", Long.toString(scored));
    learned.values().forEach((k, v) -> m.put(k, fixed(v, 4)));
    m.put("model_version", Long.toString(modelVersion));
    m.put("freshness_p50_ms", fixed(freshnessP50Ms, 1));
    m.put("score_p50_ms", fixed(latency.servedP50Ms(), 3));
    m.put("score_p99_ms", fixed(latency.servedP99Ms(), 3));
    m.put("buffered", Long.toString(latency.buffered()));
    m.put("buffered_wait_max_ms", fixed(latency.bufferedWaitMaxMs(), 1));
    m.put("dlq", Long.toString(dlq));
    return m;
  }

  /** A few lines for a person: what was replayed, learned and answered. */
  public String humanReadable() {
    return String.format(Locale.ROOT, String.join("%n",
            "StreamNet demo: %s (%s)",
            "  replayed   %,d labeled events and %,d requests in %.1f s; all applied and answered after %.1f s",
            "%s",
            "  model      epoch %d, version %d",
            "  answered   %,d of %,d requests (%,d answer records), served latency p50 %s ms, p99 %s ms",
            "  buffered   %s requests came before the first model and waited for it: p50 %s ms, max %s ms",
            "  freshness  p50 %s ms, p99 %s ms (event ingested -> first answer by a model that learned from it)",
            "  dead letters %,d"),
        String.join(" + ", datasets), task.name(), labeled, requests, replaySeconds, elapsedSeconds,
        task.describe(learned), modelEpoch, modelVersion, scored, requests, scoreRecords,
        fixed(latency.servedP50Ms(), 1), fixed(latency.servedP99Ms(), 1),
        latency.buffered() < 0 ? "?" : String.format(Locale.ROOT, "%,d", latency.buffered()),
        fixed(latency.bufferedWaitP50Ms(), 1), fixed(latency.bufferedWaitMaxMs(), 1), fixed(freshnessP50Ms, 0),
        fixed(freshnessP99Ms, 0), dlq);
  }

  /** Every figure by its snake_case name, NaN as null; the curve last. For summary.json. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task.name());
    m.put("datasets", datasets);
    m.put("labeled", labeled);
    m.put("requests", requests);
    m.put("scored", scored);
    m.put("score_records", scoreRecords);
    learned.values().forEach((k, v) -> m.put(k, orNull(v)));
    m.put("model_epoch", modelEpoch);
    m.put("model_version", modelVersion);
    m.put("freshness_p50_ms", orNull(freshnessP50Ms));
    m.put("freshness_p99_ms", orNull(freshnessP99Ms));
    m.put("score_p50_ms", orNull(latency.servedP50Ms()));
    m.put("score_p99_ms", orNull(latency.servedP99Ms()));
    m.put("score_p99_ms_by_quarter", latency.servedP99ByQuarterMs());
    m.put("buffered_scored", latency.buffered() < 0 ? null : latency.buffered());
    m.put("buffered_wait_p50_ms", orNull(latency.bufferedWaitP50Ms()));
    m.put("buffered_wait_max_ms", orNull(latency.bufferedWaitMaxMs()));
    m.put("dlq", dlq);
    m.put("replay_s", orNull(replaySeconds));
    m.put("elapsed_s", orNull(elapsedSeconds));
    LearningCurve curve = learned.curve();
    m.put("curve", curve.points().stream().map(p -> {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("events", p.events());
      point.put(curve.valueKey(), orNull(p.value()));
      point.put(curve.referenceKey(), orNull(p.reference()));
      return point;
    }).toList());
    return m;
  }

  private static Object orNull(double d) {
    return Double.isFinite(d) ? d : null;
  }

  /** {@code d} with {@code decimals} decimals, or {@code NaN} (which {@link Double#parseDouble} reads back). */
  static String fixed(double d, int decimals) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%." + decimals + "f", d) : "NaN";
  }
}
