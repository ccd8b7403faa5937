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

  Scorer(String modelId, Task<?, ?, R, C, O> task, long now) {
    this.modelId = modelId;
    this.store = new ModelPartStore(modelId, task::newServingModel);
    this.answerer = task.newAnswerer();
    this.metrics = new ScorerMetrics(now);
  }

  void restore(ReadOnlyBroadcastState<String, ModelPart> state) throws Exception {
    store.restore(state);
  }

  /** Takes a part of the model; true when it completed a version (buffered requests can now be answered). */
  boolean accept(ModelPart part, BroadcastState<String, ModelPart> state) throws Exception {
    boolean completed = store.accept(part, state);
    if (completed) {
      metrics.learned(part.learned());
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

  /** The answer by the served model to a request that came now; then the back copy catches up by one part. */
  O answer(R request, C context, long receivedAtMillis) {
    O out = answerer.answer(request, context, store.models().front(), stamp.start(modelId, served(),
        receivedAtMillis));
    metrics.served(stamp.latencyMicros(), stamp.scoredAtMillis());
    store.models().catchUp(1); // after a FULL version the back copy re-applies it, a part per request
    return out;
  }

  /** The answer to a request that waited in the buffer for the first model. */
  O answerBuffered(R request, C context, long receivedAtMillis) {
    O out = answerer.answer(request, context, store.models().front(), stamp.start(modelId, served(),
        receivedAtMillis));
    metrics.servedFromBuffer(stamp.latencyMicros(), stamp.scoredAtMillis());
    return out;
  }

  /** The metrics record when one is due, else null. */
  TrainingMetrics metricsDue(long now, long intervalMillis, int subtask, Map<String, Double> counters) {
    if (!metrics.due(now, intervalMillis)) {
      return null;
    }
    Map<String, Double> all = store.counters();
    all.putAll(counters);
    return metrics.record(now, modelId, served(), subtask, all);
  }

  void register(MetricGroup group) {
    metrics.register(group);
    group.gauge("modelVersion", () -> served() == null ? 0 : served().version());
  }
}
