package io.streamnet.jobs.score;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.TrainingMetrics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.MetricGroup;

/**
 * What every scorer function does, whatever the task: keeps the served model ({@link ModelPartStore}), answers a
 * request with it through the task's {@link Answerer}, and measures ({@link ScorerMetrics}). The Flink functions
 * around it only route inputs and hold state. Not thread-safe.
 */
final class Scorer<R extends SpecificRecordBase, C, O extends SpecificRecordBase> {
  private final String modelId;
  private final ModelPartStore store;
  private final Answerer<R, C, O> answerer;
  private final ServingStamp stamp = new ServingStamp();
  private final ScorerMetrics metrics;
  /**
   * Requests that came before this waited for the first model: when it was served (received or restored), then the
   * answer time of the last such request (those that came meanwhile queued behind them). -1: no model yet.
   */
  private long waitedUntilMillis = -1;
  /** Whether a request that did not wait has been answered: the waiting ones are all counted. */
  private boolean waitingCounted;
  /**
   * The served version as the {@code modelVersion} gauge reports it (read by the metrics reporter's thread): set once
   * the scorer can answer with it, after the version's back copy is built and the first model's time is taken, so a
   * request sent after the gauge shows a version never counts as having waited for it.
   */
  private volatile long reportedVersion;

  Scorer(String modelId, Task<?, ?, R, C, O> task, long now) {
    this.modelId = modelId;
    this.store = new ModelPartStore(modelId, task::newServingModel);
    this.answerer = task.newAnswerer();
    this.metrics = new ScorerMetrics(now);
  }

  void restore(ReadOnlyBroadcastState<String, ModelPart> state) throws Exception {
    store.restore(state);
    if (ready()) {
      waitedUntilMillis = System.currentTimeMillis();
      reportedVersion = served().version();
    }
  }

  /** Takes a part of the model; true when it completed a version (buffered requests can now be answered). */
  boolean accept(ModelPart part, BroadcastState<String, ModelPart> state) throws Exception {
    boolean completed = store.accept(part, state);
    if (completed) {
      metrics.learned(part.learned());
      if (waitedUntilMillis < 0) {
        waitedUntilMillis = System.currentTimeMillis();
      }
      reportedVersion = served().version();
    }
    return completed;
  }

  /** Whether a model is served. */
  boolean ready() {
    return store.models().front() != null;
  }

  ModelVersion served() {
    return store.models().served();
  }

  /**
   * The answer by the served model to a request; then the back copy catches up by one part. Until the first request
   * that did not wait, a request that came before the first model was served (it queued in the input while the model
   * was being received), or before the last such request was answered (it queued behind them), is counted with the
   * buffered ones: it waited for the model too.
   */
  O answer(R request, C context, long receivedAtMillis) {
    O out = answerer.answer(request, context, store.models().front(), stamp.start(modelId, served(),
        receivedAtMillis));
    if (!waitingCounted && receivedAtMillis < waitedUntilMillis) {
      metrics.servedFromBuffer(stamp.latencyMicros(), stamp.scoredAtMillis());
      waitedUntilMillis = Math.max(waitedUntilMillis, stamp.scoredAtMillis());
    } else {
      metrics.served(stamp.latencyMicros(), stamp.scoredAtMillis());
      waitingCounted = true;
    }
    store.models().catchUp(1); // after a FULL version the back copy re-applies it, a part per request
    return out;
  }

  /** The answer to a request that waited in the buffer for the first model. */
  O answerBuffered(R request, C context, long receivedAtMillis) {
    O out = answerer.answer(request, context, store.models().front(), stamp.start(modelId, served(),
        receivedAtMillis));
    metrics.servedFromBuffer(stamp.latencyMicros(), stamp.scoredAtMillis());
    waitedUntilMillis = Math.max(waitedUntilMillis, stamp.scoredAtMillis());
    return out;
  }

  /** Whether every request that waited for the first model has been answered (the first later one has been). */
  boolean waitingCounted() {
    return waitingCounted;
  }

  /** The metrics record when one is due, else null. */
  TrainingMetrics metricsDue(long now, long intervalMillis, int subtask, Map<String, Double> counters) {
    if (!metrics.due(now, intervalMillis)) {
      return null;
    }
    Map<String, Double> all = store.counters();
    all.putAll(counters);
    all.put("buffered_final", waitingCounted ? 1.0 : 0.0);
    return metrics.record(now, modelId, served(), subtask, all);
  }

  void register(MetricGroup group) {
    metrics.register(group);
    group.gauge("modelVersion", () -> reportedVersion);
  }
}
