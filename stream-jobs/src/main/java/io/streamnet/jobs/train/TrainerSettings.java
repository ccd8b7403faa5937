package io.streamnet.jobs.train;

import io.streamnet.jobs.task.Task;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a {@link TrainerOperator} needs to know, resolved from the job configuration.
 *
 * @param modelId          ModelSnapshot.modelId
 * @param task             what is learned: the examples, the model, its evaluation
 * @param batchSize        events per training step
 * @param maxWaitMillis    0: batches by count only (a recovery is bit-identical); else a partial batch is trained
 *                         after waiting this long for it to fill
 * @param guard            divergence guard settings
 * @param drift            drift detection on the prequential loss
 * @param snapshotEverySteps publish a snapshot after this many training steps ...
 * @param snapshotEveryMillis ... or after this long, whichever comes first (only when something changed)
 * @param snapshotMinIntervalMillis ... but never sooner than this after the previous one (0: no limit)
 * @param fullEvery        every k-th snapshot is FULL, the others DELTA against the last full one
 * @param snapshotDirectory a Flink file system URI for checkpoint-aligned model files, or null
 * @param snapshotRetain   model files kept in that directory
 * @param metricsIntervalMillis cadence of TrainingMetrics records
 * @param initialModel     the model when there is no state to restore
 * @param publishedVersions the newest version published before this run started
 */
public record TrainerSettings(String modelId, Task<?, ?, ?, ?, ?> task, int batchSize,
                              long maxWaitMillis, DivergenceGuard.Settings guard, DriftMonitor.Settings drift,
                              int snapshotEverySteps, long snapshotEveryMillis, long snapshotMinIntervalMillis,
                              int fullEvery,
                              String snapshotDirectory, int snapshotRetain, long metricsIntervalMillis,
                              InitialModel initialModel, PublishedVersionLookup publishedVersions)
    implements Serializable {

  public TrainerSettings {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(initialModel, "initialModel");
    Objects.requireNonNull(publishedVersions, "publishedVersions");
    positive("batchSize", batchSize);
    positive("snapshotEverySteps", snapshotEverySteps);
    positive("snapshotEveryMillis", snapshotEveryMillis);
    positive("fullEvery", fullEvery);
    positive("snapshotRetain", snapshotRetain);
    positive("metricsIntervalMillis", metricsIntervalMillis);
    if (snapshotMinIntervalMillis < 0) {
      throw new IllegalArgumentException("snapshotMinIntervalMillis must be >= 0, got " + snapshotMinIntervalMillis);
    }
    if (maxWaitMillis < 0) {
      throw new IllegalArgumentException("maxWaitMillis must be >= 0, got " + maxWaitMillis);
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /** The same settings with another initial model (warm start). */
  public TrainerSettings withInitialModel(InitialModel model) {
    return new TrainerSettings(modelId, task, batchSize, maxWaitMillis, guard, drift,
        snapshotEverySteps, snapshotEveryMillis, snapshotMinIntervalMillis, fullEvery, snapshotDirectory, snapshotRetain,
        metricsIntervalMillis, model, publishedVersions);
  }
}
