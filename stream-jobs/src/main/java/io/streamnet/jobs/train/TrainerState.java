package io.streamnet.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's checkpointed state, two blocks: the whole model (nn-core's ModelStateCodec bytes: weights, optimizer
 * slots, step, RNG), and the rest: the events waiting for the next batch, the metrics and guard, the exactly-once
 * accounting and the last version. {@link #writeRaw} puts both in one stream (the operator's raw state). Versioned
 * formats, so a newer release can still restore them.
 */
record TrainerState(long epoch, long version, byte[] model, List<TrainingExample> pending,
                    PrequentialEvaluator evaluator, DivergenceGuard guard, long appliedCount, long appliedDigest,
                    long refusedEvents, long rolledBackEvents) {
  private static final int MAGIC = 0x534e5453; // "SNTS"
  private static final int FORMAT = 2;
  private static final int RAW_MAGIC = 0x534e5452; // "SNTR": raw operator state, state block then model block
  private static final int RAW_CHUNK = 1 << 20;

  /** Everything but the model, which {@link #writeRaw} writes as its own block (no copy of its tens of MB). */
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

  /**
   * Writes {@code state} (from {@link #encodeWithoutModel}) and {@code model} as one stream: length-prefixed, the
   * model in 1 MB writes (one big array write is a single copy no safepoint can interrupt).
   */
  static void writeRaw(OutputStream target, byte[] state, byte[] model) throws IOException {
    DataOutputStream out = new DataOutputStream(target);
    out.writeInt(RAW_MAGIC);
    out.writeInt(state.length);
    out.write(state);
    out.writeInt(model.length);
    for (int off = 0; off < model.length; off += RAW_CHUNK) {
      out.write(model, off, Math.min(RAW_CHUNK, model.length - off));
    }
    out.flush();
  }

  /** Reads what {@link #writeRaw} wrote. */
  static TrainerState readRaw(InputStream source, DivergenceGuard.Settings guardSettings) throws IOException {
    DataInputStream in = new DataInputStream(source);
    int magic = in.readInt();
    if (magic != RAW_MAGIC) {
      throw new IllegalStateException("trainer state: unknown raw format (magic " + Integer.toHexString(magic) + ")");
    }
    byte[] state = readBlock(in, "state");
    byte[] model = readBlock(in, "model");
    return decode(state, model, guardSettings);
  }

  private static byte[] readBlock(DataInputStream in, String what) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IllegalStateException("trainer state: negative " + what + " length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
