package io.streamnet.jobs.train;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a {@link TrainerOperator} needs to know, resolved from the job configuration.
 *
 * @param modelId          ModelSnapshot.modelId
 * @param networkSpecJson  the network spec (canonical JSON: {@code NetworkSpec.toJson})
 * @param inputName        the sparse input that receives the example's ids
 * @param batchSize        events per training step
 * @param maxWaitMillis    0: batches by count only (a recovery is bit-identical); else a partial batch is trained
 *                         after waiting this long for it to fill
 * @param guard            divergence guard settings
 * @param aucWindow        events in the windowed prequential metrics
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
public record TrainerSettings(String modelId, String networkSpecJson, String inputName, int batchSize,
                              long maxWaitMillis, DivergenceGuard.Settings guard, int aucWindow,
                              int snapshotEverySteps, long snapshotEveryMillis, long snapshotMinIntervalMillis,
                              int fullEvery,
                              String snapshotDirectory, int snapshotRetain, long metricsIntervalMillis,
                              InitialModel initialModel, PublishedVersionLookup publishedVersions)
    implements Serializable {

  public TrainerSettings {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(networkSpecJson, "networkSpecJson");
    Objects.requireNonNull(inputName, "inputName");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(initialModel, "initialModel");
    Objects.requireNonNull(publishedVersions, "publishedVersions");
    positive("batchSize", batchSize);
    positive("aucWindow", aucWindow);
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
    return new TrainerSettings(modelId, networkSpecJson, inputName, batchSize, maxWaitMillis, guard, aucWindow,
        snapshotEverySteps, snapshotEveryMillis, snapshotMinIntervalMillis, fullEvery, snapshotDirectory, snapshotRetain,
        metricsIntervalMillis, model, publishedVersions);
  }
}
