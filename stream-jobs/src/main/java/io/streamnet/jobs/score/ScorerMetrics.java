package io.streamnet.jobs.score;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The scorer's figures. Latency (a request's Kafka timestamp to its answer) counts the requests served by a model as
 * they came; requests that arrived before the first model and waited for it (in the buffer, in the input while the
 * model was being received, or behind those) are counted apart (how many, how long they waited), so that the served latency is not
 * the time the first model took to arrive. Freshness: an event's
 * Kafka timestamp to the first answer by a model that learned from it (each version's last part carries quantiles of
 * the ingestion times of the events it is the first to include). Every metrics interval a {@link TrainingMetrics}
 * record with keys prefixed {@code scorer.}; Flink gauges of the same.
 */
final class ScorerMetrics {
  private final LatencyHistogram latency = new LatencyHistogram();
  private final LatencyHistogram intervalLatency = new LatencyHistogram();
  private final LatencyHistogram bufferedWait = new LatencyHistogram();
  private final LatencyHistogram freshness = new LatencyHistogram();
  private final List<double[]> freshnessPending = new ArrayList<>();
  private long scored;
  private long lastRecordAt;

  ScorerMetrics(long now) {
    this.lastRecordAt = now;
  }

  /** A request answered by the model serving when it came. */
  void served(long latencyMicros, long answeredAtMillis) {
    scored++;
    latency.record(latencyMicros);
    intervalLatency.record(latencyMicros);
    answered(answeredAtMillis);
  }

  /** A request answered after waiting for the first model. */
  void servedFromBuffer(long waitedMicros, long answeredAtMillis) {
    scored++;
    bufferedWait.record(waitedMicros);
    answered(answeredAtMillis);
  }

  /** A version's learned-events summary: its events' freshness ends at the next answer. */
  void learned(double[] summary) {
    if (summary.length > 1 && summary[0] >= 1) {
      freshnessPending.add(summary);
    }
  }

  private void answered(long at) {
    if (freshnessPending.isEmpty()) {
      return;
    }
    for (double[] sample : freshnessPending) {
      long weight = Math.max(1, Math.round(sample[0] / (sample.length - 1)));
      for (int i = 1; i < sample.length; i++) {
        if (!Double.isNaN(sample[i])) {
          freshness.record(at - (long) sample[i], weight);
        }
      }
    }
    freshnessPending.clear();
  }

  long scored() {
    return scored;
  }

  boolean due(long now, long intervalMillis) {
    return now - lastRecordAt >= intervalMillis;
  }

  /**
   * The record of the interval ending now.
   *
   * @param counters the scorer's other counts by key (buffer, model receiving), prefixed here
   */
  TrainingMetrics record(long now, String modelId, ModelVersion served, int subtask, Map<String, Double> counters) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("scorer.scored", (double) scored);
    counters.forEach((k, v) -> m.put("scorer." + k, v));
    m.put("scorer.latency_p50_ms", latency.quantile(0.5) / 1000);
    m.put("scorer.latency_p99_ms", latency.quantile(0.99) / 1000);
    m.put("scorer.window_latency_p99_ms", intervalLatency.quantile(0.99) / 1000);
    m.put("scorer.buffered_scored", (double) bufferedWait.count());
    m.put("scorer.buffered_wait_p50_ms", bufferedWait.quantile(0.5) / 1000);
    m.put("scorer.buffered_wait_max_ms", bufferedWait.count() == 0 ? Double.NaN : bufferedWait.max() / 1000.0);
    m.put("scorer.freshness_p50_ms", freshness.quantile(0.5));
    m.put("scorer.freshness_p99_ms", freshness.quantile(0.99));
    m.values().removeIf(d -> d.isNaN());
    long window = intervalLatency.count();
    intervalLatency.reset();
    lastRecordAt = now;
    return TrainingMetrics.newBuilder()
        .setModelId(modelId)
        .setModelEpoch(served == null ? 0 : served.epoch())
        .setModelVersion(served == null ? 0 : served.version())
        .setSubtask(subtask)
        .setStep(0)
        .setExamplesSeen(scored)
        .setWindowExamples(window)
        .setLoss(0.0)
        .setMetrics(m)
        .setDriftDetected(false)
        .setEmittedAt(Instant.ofEpochMilli(now))
        .build();
  }

  void register(MetricGroup group) {
    group.gauge("scored", () -> scored);
    group.gauge("latencyP50Ms", () -> latency.quantile(0.5) / 1000);
    group.gauge("latencyP99Ms", () -> latency.quantile(0.99) / 1000);
    group.gauge("bufferedScored", bufferedWait::count);
    group.gauge("freshnessP50Ms", () -> freshness.quantile(0.5));
    group.gauge("freshnessP99Ms", () -> freshness.quantile(0.99));
  }
}
