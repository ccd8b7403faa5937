package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest model published on the snapshots topic: its last FULL snapshot and, if there is one, the newest DELTA
 * against that full one. Applying the full and then the delta gives the published weights of {@link #version()}.
 * Weights only: optimizer slots are not published, so a trainer warm-started from here starts them afresh.
 *
 * @param full  the FULL snapshot
 * @param delta the newest DELTA with base {@code full}'s version, or null
 */
public record PublishedModel(ModelSnapshot full, ModelSnapshot delta) {

  public PublishedModel {
    if (full == null || full.getKind() != SnapshotKind.FULL) {
      throw new IllegalArgumentException("a published model starts from a FULL snapshot");
    }
    if (delta != null) {
      ModelVersion base = delta.getBaseEpoch() == null || delta.getBaseVersion() == null ? null
          : new ModelVersion(delta.getBaseEpoch(), delta.getBaseVersion());
      if (delta.getKind() != SnapshotKind.DELTA || !versionOf(full).equals(base)) {
        throw new IllegalArgumentException("snapshot " + versionOf(delta) + " is not a DELTA against the FULL "
            + versionOf(full) + " (base " + base + ")");
      }
    }
  }

  /** The version the weights are at: the delta's if there is one, else the full one's. */
  public ModelVersion version() {
    return versionOf(delta != null ? delta : full);
  }

  /** The task the model serves ({@code ModelSnapshot.task}). */
  public String task() {
    return full.getTask();
  }

  /**
   * The payloads to apply in order (the full one, then the delta if any), each checked against its snapshot's
   * SHA-256.
   *
   * @throws IllegalStateException if a payload does not match its checksum
   */
  public List<byte[]> payloads() {
    List<byte[]> out = new ArrayList<>(2);
    out.add(verifiedPayload(full));
    if (delta != null) {
      out.add(verifiedPayload(delta));
    }
    return out;
  }

  /** Applies the payloads onto {@code target} (a model of the snapshot's spec) and returns it. */
  public <M extends ModelContent> M applyTo(M target) {
    for (byte[] payload : payloads()) {
      SnapshotPayload.apply(payload, target);
    }
    return target;
  }

  private static byte[] verifiedPayload(ModelSnapshot s) {
    ByteBuffer buf = s.getParameters().duplicate();
    byte[] payload = new byte[buf.remaining()];
    buf.get(payload);
    String sha = SnapshotPayload.sha256Hex(payload);
    if (!sha.equalsIgnoreCase(s.getSha256())) {
      throw new IllegalStateException("snapshot " + versionOf(s) + " of model '" + s.getModelId()
          + "': its parameters hash to " + sha + ", the snapshot says " + s.getSha256());
    }
    return payload;
  }

  static ModelVersion versionOf(ModelSnapshot s) {
    return new ModelVersion(s.getEpoch(), s.getVersion());
  }
}
