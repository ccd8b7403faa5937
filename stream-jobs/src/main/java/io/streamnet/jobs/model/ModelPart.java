package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.PayloadParts;
import io.streamnet.nn.snapshot.SnapshotPayload;
import java.util.Arrays;
import java.util.Objects;

/**
 * One piece of a published model version on its way from the trainer to the scorer inside the job. A version's
 * payload (FULL or DELTA, see {@link SnapshotPayload}) is cut by {@link PayloadParts} into parts of at most
 * {@link #MAX_PART_BYTES}; each part is itself a DELTA payload holding some rows of the version, so a receiver applies
 * part after part as they arrive and has the whole version after the last one ({@code index == count - 1}).
 *
 * <p>Why parts: a whole 15 MB snapshot record stalled the scoring thread (Flink reassembles and, above 5 MB, spills a
 * spanning record to disk on the receiving task's thread; decoding and applying it took another 10 ms), and each such
 * array was a humongous G1 allocation. Between parts the scorer serves requests.
 *
 * <p>Immutable: the payload array is never changed after construction (so Flink may share the object, see
 * {@code io.streamnet.jobs.flink.ModelPartSerializer}).
 *
 * @param modelId     the model the part belongs to
 * @param version     the version this part builds
 * @param base        for a DELTA version, the FULL version it is relative to; null for a FULL version
 * @param index       0-based position of this part in its version
 * @param count       parts of the version, &gt;= 1
 * @param networkSpec the network spec (JSON) on part 0 of a FULL version, else null
 * @param payload     a DELTA payload with this part's rows
 * @param learned     on the last part: how many events this version is the first to include, then quantiles of
 *                    their ingestion times ({@code LearnedEvents.QUANTILES}, NaN where unknown); else empty
 */
public record ModelPart(String modelId, ModelVersion version, ModelVersion base, int index, int count,
                        String networkSpec, byte[] payload, double[] learned) {

  /** Largest part payload: well below G1's humongous threshold and a few 32 KB network buffers. */
  public static final int MAX_PART_BYTES = 256 * 1024;

  private static final double[] NONE = new double[0];

  public ModelPart {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(payload, "payload");
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("model part " + index + " of " + count + " of " + version
          + ": need 0 <= index < count");
    }
    if (index == 0 && base == null && networkSpec == null) {
      throw new IllegalArgumentException("part 0 of FULL version " + version + " must carry the network spec");
    }
    learned = learned == null ? NONE : learned;
  }

  /** Whether the version is FULL (every value) rather than a DELTA against {@link #base()}. */
  public boolean full() {
    return base == null;
  }

  /** Whether this is the version's last part. */
  public boolean last() {
    return index == count - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelPart p && modelId.equals(p.modelId) && version.equals(p.version)
        && Objects.equals(base, p.base) && index == p.index && count == p.count
        && Objects.equals(networkSpec, p.networkSpec) && Arrays.equals(payload, p.payload)
        && Arrays.equals(learned, p.learned);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelId, version, index, count, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "ModelPart[" + modelId + " " + version + (full() ? " FULL" : " DELTA/" + base) + " part " + index + "/"
        + count + ", " + payload.length + " bytes]";
  }
}
