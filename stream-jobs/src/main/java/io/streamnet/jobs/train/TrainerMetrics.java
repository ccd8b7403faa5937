package io.streamnet.jobs.train;

import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The trainer's figures: a {@link TrainingMetrics} record every metrics interval (the learner's prequential figures,
 * throughput, the applied events' count and digest, refusals, drifts, snapshot sizes), at once when a drift is
 * found, and Flink gauges of the same. Counts the current interval's batches.
 */
final class TrainerMetrics {
  private final String modelId;
  private final int subtask;
  private long intervalStart;
  private long intervalEvents;
  private double intervalLossSum;
  private int intervalBatches;
  private double eventsPerSecond;

  TrainerMetrics(String modelId, int subtask, long now) {
    this.modelId = modelId;
    this.subtask = subtask;
    this.intervalStart = now;
  }

  /** Counts a batch of {@code events}; an applied one's loss (when it has one) enters the interval's mean loss. */
  void batch(int events, boolean applied, double loss) {
    intervalEvents += events;
    if (applied && !Double.isNaN(loss)) {
      intervalLossSum += loss;
      intervalBatches++;
    }
  }

  boolean due(long now, long intervalMillis) {
    return now - intervalStart >= intervalMillis;
  }

  /** The record of the interval that ends now, flagged when it ends with a drift; starts the next one. */
  TrainingMetrics emit(long now, OnlineLearner<?> learner, DivergenceGuard guard, Trainer t, boolean driftDetected) {
    double seconds = Math.max(1e-3, (now - intervalStart) / 1000.0);
    eventsPerSecond = intervalEvents / seconds;
    Map<String, Double> m = new LinkedHashMap<>(learner.metrics());
    m.put("events_per_s", eventsPerSecond);
    // The digest too, as in the snapshots: a reader can tell that exactly the events it expects were applied.
    t.applied().putInto(m);
    m.put("refused_events", (double) t.refusedEvents());
    m.put("refused_nonfinite_batches", (double) guard.refusedNonFinite());
    m.put("refused_loss_spike_batches", (double) guard.refusedAboveCeiling());
    m.put("rollbacks", (double) guard.rollbacks());
    m.put("rolled_back_events", (double) t.rolledBackEvents());
    m.put("drift_detections", (double) t.drift().drifts());
    m.put("loss_fall_detections", (double) t.drift().falls());
    m.put("snapshot_bytes", (double) t.publisher().lastBytes());
    m.put("snapshot_ms", t.publisher().lastMicros() / 1000.0);
    m.put("pending_events", (double) t.pendingEvents());
    m.values().removeIf(d -> d.isNaN());
    TrainingMetrics record = TrainingMetrics.newBuilder()
        .setModelId(modelId)
        .setModelEpoch(t.publisher().epoch())
        .setModelVersion(t.publisher().version())
        .setSubtask(subtask)
        .setStep(learner.steps())
        .setExamplesSeen(learner.evaluated())
        .setWindowExamples(intervalEvents)
        .setLoss(intervalBatches > 0 ? intervalLossSum / intervalBatches
            : Double.isNaN(guard.averageLoss()) ? 0.0 : guard.averageLoss())
        .setMetrics(m)
        .setDriftDetected(driftDetected)
        .setEmittedAt(Instant.ofEpochMilli(now))
        .build();
    intervalEvents = 0;
    intervalLossSum = 0;
    intervalBatches = 0;
    intervalStart = now;
    return record;
  }

  /** Gauges under {@code streamnet.trainer}: the learner's figures by name, and the trainer's own. */
  void register(MetricGroup group, OnlineLearner<?> learner, DivergenceGuard guard, Trainer t) {
    for (String name : learner.metrics().keySet()) {
      group.gauge(name, () -> learner.metrics().get(name));
    }
    group.gauge("loss", guard::averageLoss);
    group.gauge("eventsPerSecond", () -> eventsPerSecond);
    group.gauge("modelEpoch", () -> t.publisher().epoch());
    group.gauge("modelVersion", () -> t.publisher().version());
    group.gauge("appliedEvents", () -> t.applied().count());
    group.gauge("refusedEvents", t::refusedEvents);
    group.gauge("rollbacks", guard::rollbacks);
    group.gauge("driftDetections", () -> t.drift().drifts());
    group.gauge("snapshotBytes", () -> t.publisher().lastBytes());
    group.gauge("snapshotMillis", () -> t.publisher().lastMicros() / 1000.0);
    // Time since this run published its last version (NaN before its first): a trainer that stopped publishing.
    group.gauge("modelAgeSeconds", () -> t.publisher().lastPublishedAt() < 0 ? Double.NaN
        : (System.currentTimeMillis() - t.publisher().lastPublishedAt()) / 1000.0);
    group.gauge("modelFileWriteFailures", t::modelFileWriteFailures);
  }

  /** What the figures read from the trainer. */
  interface Trainer {
    /** The count and order-independent digest of the applied events. */
    AppliedEvents applied();

    long refusedEvents();

    long rolledBackEvents();

    int pendingEvents();

    long modelFileWriteFailures();

    DriftMonitor drift();

    SnapshotPublisher publisher();
  }
}
