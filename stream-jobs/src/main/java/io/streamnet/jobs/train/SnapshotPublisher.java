package io.streamnet.jobs.train;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.nn.snapshot.DeltaTracker;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.PayloadParts;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the live model into published versions: numbers them {@code (epoch, version)}, makes every
 * {@code fullEvery}-th one FULL and the others DELTA against the last full one ({@link DeltaTracker}), and gives each
 * as a {@link ModelSnapshot} record (for the snapshots topic) and as {@link ModelPart}s (for the job's scorer, in
 * order). Not thread-safe: the trainer's thread only.
 */
final class SnapshotPublisher {

  /** One published version, in both forms. */
  record Published(ModelSnapshot snapshot, List<ModelPart> parts) {}

  private final String modelId;
  private final ModelDescriptor descriptor;
  private final int fullEvery;
  private DeltaTracker deltas;
  private long epoch;
  private long version;
  private ModelVersion lastFull;
  private int sinceFull;
  private long lastBytes;
  private long lastMicros;
  private long lastPublishedAt = -1;

  /**
   * @param epoch   the epoch this run publishes in (above every earlier one)
   * @param version the last version published before, in any epoch
   */
  SnapshotPublisher(String modelId, ModelDescriptor descriptor, int fullEvery, ModelContent model, long epoch,
                    long version) {
    this.modelId = modelId;
    this.descriptor = descriptor;
    this.fullEvery = fullEvery;
    this.deltas = new DeltaTracker(model);
    this.epoch = epoch;
    this.version = version;
  }

  /** Follows another live model object (after a rollback): the next version is FULL. */
  void track(ModelContent model) {
    deltas = new DeltaTracker(model);
  }

  /**
   * The next version of the live model.
   *
   * @param forceFull whether it must be FULL (the last version of a bounded input: readers need nothing else)
   * @param metrics   recorded in the snapshot
   * @param learned   the learned events' count and ingestion-time quantiles ({@link LearnedEvents}), carried by the
   *                  last part
   */
  Published publish(long now, boolean forceFull, Map<String, Double> metrics, double[] learned) {
    long start = System.nanoTime();
    boolean full = forceFull || !deltas.hasBase() || sinceFull + 1 >= fullEvery;
    byte[] payload = full ? deltas.full() : deltas.delta();
    version++;
    ModelVersion v = new ModelVersion(epoch, version);
    ModelVersion base = full ? null : lastFull;
    ModelSnapshot snapshot = ModelSnapshot.newBuilder()
        .setModelId(modelId)
        .setEpoch(v.epoch())
        .setVersion(v.version())
        .setCreatedAt(Instant.ofEpochMilli(now))
        .setCheckpointId(null)
        .setNetworkSpec(descriptor.modelSpecJson())
        .setTask(descriptor.task())
        .setTaskSpec(descriptor.taskSpecJson())
        .setKind(full ? SnapshotKind.FULL : SnapshotKind.DELTA)
        .setBaseEpoch(full ? null : base.epoch())
        .setBaseVersion(full ? null : base.version())
        .setParameters(ByteBuffer.wrap(payload))
        .setMetrics(metrics)
        .setSha256(SnapshotPayload.sha256Hex(payload))
        .setSignature(null)
        .build();
    if (full) {
      lastFull = v;
      sinceFull = 0;
    } else {
      sinceFull++;
    }
    lastBytes = payload.length;
    lastMicros = (System.nanoTime() - start) / 1000;
    lastPublishedAt = now;
    List<byte[]> pieces = PayloadParts.split(payload, ModelPart.MAX_PART_BYTES);
    List<ModelPart> parts = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1;
      parts.add(new ModelPart(modelId, v, base, i, pieces.size(),
          full && i == 0 ? descriptor.modelSpecJson() : null, pieces.get(i), last ? learned : null));
    }
    return new Published(snapshot, parts);
  }

  long epoch() {
    return epoch;
  }

  /** The last version published (or the start's, before the first). */
  long version() {
    return version;
  }

  ModelVersion lastVersion() {
    return new ModelVersion(epoch, version);
  }

  /** Bytes of the last payload. */
  long lastBytes() {
    return lastBytes;
  }

  /** When this run published its last version (epoch millis), -1 before its first. */
  long lastPublishedAt() {
    return lastPublishedAt;
  }

  /** How long making the last version took, in microseconds. */
  long lastMicros() {
    return lastMicros;
  }
}
