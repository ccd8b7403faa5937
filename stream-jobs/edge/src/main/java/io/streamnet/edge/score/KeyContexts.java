package io.streamnet.edge.score;

import io.streamnet.jobs.task.KeyedTask;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each key's context for a keyed task (recommendation: the user's history), in a changelogged store. A context is
 * built by the task from the model's settings, so before the first model a key's labeled events are kept as they
 * arrived (their wire bytes, in order, at most {@link #MAX_EARLY} per key) and replayed into a fresh context the first
 * time the key is used with a model: as the Flink scorer, which applies them at once, the context then holds every
 * labeled event, and requests that waited for the model are answered with it.
 *
 * <p>Value (format 1, persisted in the store's changelog topic; golden files in the tests): one tag byte, then
 * either the task's encoded context ({@link #CONTEXT}) or the early events ({@link #EARLY}: a count, then each as a
 * length and its bytes).
 */
final class KeyContexts {
  /** Labeled events kept per key before the first model; beyond, the caller dead-letters them. */
  static final int MAX_EARLY = 10_000;
  private static final byte CONTEXT = 0;
  private static final byte EARLY = 1;

  private final KeyValueStore<Long, byte[]> store;

  KeyContexts(KeyValueStore<Long, byte[]> store) {
    this.store = store;
  }

  /**
   * The context of {@code key}: empty when nothing is known of it; the early events replayed, in order, when it has
   * only those ({@code decode} gives each event's record, or null when it cannot be read: skipped).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object get(KeyedTask task, Long key, Function<byte[], SpecificRecordBase> decode) {
    byte[] v = store.get(key);
    return v == null ? task.emptyContext() : read(task, v, decode);
  }

  /** The context a stored value holds (see {@link #get}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object read(KeyedTask task, byte[] v, Function<byte[], SpecificRecordBase> decode) {
    ByteBuffer b = ByteBuffer.wrap(v);
    if (b.get() == CONTEXT) {
      byte[] encoded = new byte[b.remaining()];
      b.get(encoded);
      return task.decodeContext(encoded);
    }
    Object c = task.emptyContext();
    for (byte[] wire : early(v)) {
      SpecificRecordBase event = decode.apply(wire);
      if (event != null) {
        c = task.update(c, event);
      }
    }
    return c;
  }

  /** The early events in a value of kind {@link #EARLY}, in arrival order. */
  static List<byte[]> early(byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    if (b.get() != EARLY) {
      throw new IllegalArgumentException("not a key's early events");
    }
    List<byte[]> out = new ArrayList<>();
    for (int n = b.getInt(), i = 0; i < n; i++) {
      byte[] wire = new byte[b.getInt()];
      b.get(wire);
      out.add(wire);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  void put(KeyedTask task, Long key, Object context) {
    store.put(key, contextValue(task.encodeContext(context)));
  }

  static byte[] contextValue(byte[] encoded) {
    return ByteBuffer.allocate(1 + encoded.length).put(CONTEXT).put(encoded).array();
  }

  /** Keeps a labeled event of {@code key} that came before any model; false when the key has {@link #MAX_EARLY}. */
  boolean keepEarly(Long key, byte[] wire) {
    byte[] v = store.get(key);
    if (v != null && ByteBuffer.wrap(v, 1, 4).getInt() >= MAX_EARLY) {
      return false;
    }
    store.put(key, withEarly(v, wire));
    return true;
  }

  /** {@code value} (null: none yet) with one more early event. */
  static byte[] withEarly(byte[] value, byte[] wire) {
    int n = value == null ? 0 : ByteBuffer.wrap(value, 1, 4).getInt();
    ByteBuffer out = ByteBuffer.allocate((value == null ? 5 : value.length) + 4 + wire.length);
    if (value == null) {
      out.put(EARLY).putInt(1);
    } else {
      out.put(value).putInt(1, n + 1);
    }
    return out.putInt(wire.length).put(wire).array();
  }
}
