package io.streamnet.jobs.train;

import io.streamnet.jobs.task.Task;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.online.StreamExample;
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
 * The trainer's checkpointed state, two blocks: the whole model (the learner's {@code encodeModel} bytes: weights,
 * optimizer slots, step, RNG), and the rest. {@link #writeRaw} puts both in one stream (the operator's raw state).
 * The rest, big-endian:
 * <pre>
 *   int magic "SNTS" | int format (4)
 *   long epoch | long version | UTF task name
 *   int n | n examples (the task's ExampleCodec): the events waiting for the next batch
 *   int length | the learner's state (its evaluation, per-user state, ...)
 *   the divergence guard | long applied count | long applied digest | long refused events | long rolled-back events
 *   the drift monitor (ADWIN's histogram and the drift counts)
 * </pre>
 * Format 3 is format 4 without the drift monitor (a trainer restored from it starts a fresh one). Format 2, written by
 * releases before tasks existed, is the sentiment task's form without the task name, with the learner's state
 * unframed and the guard without its loss deviation. Both are still read.
 */
record TrainerState<E extends StreamExample>(long epoch, long version, byte[] model, List<E> pending,
                                             OnlineLearner<E> learner, DivergenceGuard guard, long appliedCount,
                                             long appliedDigest, long refusedEvents, long rolledBackEvents,
                                             DriftMonitor drift) {
  private static final int MAGIC = 0x534e5453; // "SNTS"
  private static final int FORMAT = 4;
  private static final int FORMAT_WITHOUT_DRIFT = 3;
  private static final int FORMAT_SENTIMENT_ONLY = 2;
  private static final int RAW_MAGIC = 0x534e5452; // "SNTR": raw operator state, state block then model block
  private static final int RAW_CHUNK = 1 << 20;

  /** Everything but the model, which {@link #writeRaw} writes as its own block (no copy of its tens of MB). */
  byte[] encodeWithoutModel(Task<?, E, ?, ?, ?> task) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(epoch);
      out.writeLong(version);
      out.writeUTF(task.name());
      ExampleCodec<E> codec = task.exampleCodec();
      out.writeInt(pending.size());
      for (E e : pending) {
        codec.write(e, out);
      }
      ByteArrayOutputStream learnerBytes = new ByteArrayOutputStream(64 * 1024);
      try (DataOutputStream l = new DataOutputStream(learnerBytes)) {
        learner.writeState(l);
      }
      out.writeInt(learnerBytes.size());
      learnerBytes.writeTo(out);
      guard.write(out);
      out.writeLong(appliedCount);
      out.writeLong(appliedDigest);
      out.writeLong(refusedEvents);
      out.writeLong(rolledBackEvents);
      drift.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static <E extends StreamExample> TrainerState<E> decode(byte[] bytes, byte[] model, Task<?, E, ?, ?, ?> task,
                                                          DivergenceGuard.Settings guardSettings,
                                                          DriftMonitor.Settings driftSettings) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      int format = in.readInt();
      if (magic != MAGIC || format < FORMAT_SENTIMENT_ONLY || format > FORMAT) {
        throw new IllegalStateException("trainer state: unknown format (magic " + Integer.toHexString(magic)
            + ", format " + format + "; this release reads formats " + FORMAT_SENTIMENT_ONLY + " to " + FORMAT + ")");
      }
      long epoch = in.readLong();
      long version = in.readLong();
      String taskName = format >= FORMAT_WITHOUT_DRIFT ? in.readUTF() : "sentiment";
      if (!taskName.equals(task.name())) {
        throw new IllegalStateException("trainer state: the checkpoint is of task '" + taskName + "', the job's task is '"
            + task.name() + "'");
      }
      ExampleCodec<E> codec = task.exampleCodec();
      int n = in.readInt();
      List<E> pending = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        pending.add(codec.read(in));
      }
      OnlineLearner<E> learner;
      if (format >= FORMAT_WITHOUT_DRIFT) {
        byte[] learnerState = new byte[in.readInt()];
        in.readFully(learnerState);
        learner = task.restoreLearner(model, new DataInputStream(new ByteArrayInputStream(learnerState)));
      } else {
        learner = task.restoreLearner(model, in);
      }
      DivergenceGuard guard = new DivergenceGuard(guardSettings);
      guard.read(in, format >= FORMAT_WITHOUT_DRIFT);
      long appliedCount = in.readLong();
      long appliedDigest = in.readLong();
      long refusedEvents = in.readLong();
      long rolledBackEvents = in.readLong();
      DriftMonitor drift = format == FORMAT ? DriftMonitor.read(in, driftSettings) : new DriftMonitor(driftSettings);
      return new TrainerState<>(epoch, version, model, pending, learner, guard, appliedCount, appliedDigest,
          refusedEvents, rolledBackEvents, drift);
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
  static <E extends StreamExample> TrainerState<E> readRaw(InputStream source, Task<?, E, ?, ?, ?> task,
                                                           DivergenceGuard.Settings guardSettings,
                                                           DriftMonitor.Settings driftSettings)
      throws IOException {
    DataInputStream in = new DataInputStream(source);
    int magic = in.readInt();
    if (magic != RAW_MAGIC) {
      throw new IllegalStateException("trainer state: unknown raw format (magic " + Integer.toHexString(magic) + ")");
    }
    byte[] state = readBlock(in, "state");
    byte[] model = readBlock(in, "model");
    return decode(state, model, task, guardSettings, driftSettings);
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
