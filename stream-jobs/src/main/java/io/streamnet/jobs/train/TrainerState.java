package io.streamnet.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's checkpointed state as one byte array: the whole model (nn-core's ModelStateCodec bytes: weights,
 * optimizer slots, step, RNG), the events waiting for the next batch, the metrics and guard, the exactly-once
 * accounting and the last version. A versioned format, so a newer release can still restore it.
 */
record TrainerState(long epoch, long version, byte[] model, List<TrainingExample> pending,
                    PrequentialEvaluator evaluator, DivergenceGuard guard, long appliedCount, long appliedDigest,
                    long refusedEvents, long rolledBackEvents) {
  private static final int MAGIC = 0x534e5453; // "SNTS"
  private static final int FORMAT = 2;

  /**
   * Everything but the model, which is checkpointed as its own list element: copying tens of MB once less on the
   * training thread at every checkpoint.
   */
  byte[] encodeWithoutModel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(epoch);
      out.writeLong(version);
      out.writeInt(pending.size());
      for (TrainingExample e : pending) {
        out.writeUTF(e.id);
        out.writeFloat(e.label);
        out.writeLong(e.ingestedAtMillis);
        out.writeInt(e.ids.length);
        out.write(Packing.ints(e.ids));
      }
      evaluator.write(out);
      guard.write(out);
      out.writeLong(appliedCount);
      out.writeLong(appliedDigest);
      out.writeLong(refusedEvents);
      out.writeLong(rolledBackEvents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static TrainerState decode(byte[] bytes, byte[] model, DivergenceGuard.Settings guardSettings) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      int format = in.readInt();
      if (magic != MAGIC || format != FORMAT) {
        throw new IllegalStateException("trainer state: unknown format (magic " + Integer.toHexString(magic)
            + ", format " + format + "; this release reads format " + FORMAT + ")");
      }
      long epoch = in.readLong();
      long version = in.readLong();
      int n = in.readInt();
      List<TrainingExample> pending = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        float label = in.readFloat();
        long ingested = in.readLong();
        int[] ids = Packing.readInts(in, in.readInt());
        pending.add(new TrainingExample(id, ids, label, ingested));
      }
      PrequentialEvaluator evaluator = PrequentialEvaluator.read(in);
      DivergenceGuard guard = new DivergenceGuard(guardSettings);
      guard.read(in);
      return new TrainerState(epoch, version, model, pending, evaluator, guard, in.readLong(), in.readLong(),
          in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new IllegalStateException("trainer state: truncated or corrupt (" + bytes.length + " bytes)", e);
    }
  }
}
