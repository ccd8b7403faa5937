package io.streamnet.edge.score;

import java.nio.ByteBuffer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Inputs that came before the task's first model, in arrival order, in a changelogged store (so that a restarted
 * instance still answers them, exactly once): requests, and for a keyed task the labeled events between them, whose
 * order against the requests matters. Bounded: beyond the limit the caller dead-letters the input.
 *
 * <p>Entry (format 1, persisted in the store's changelog topic; a golden file in the tests): key = arrival sequence;
 * value = the format (1 byte), kind (1), arrival time (8), task key (8; {@link Long#MIN_VALUE} when none), the
 * record's wire bytes.
 */
final class PendingInputs {
  private static final long NO_KEY = Long.MIN_VALUE;
  static final byte FORMAT = 1;

  /** One waiting input. */
  record Pending(Long key, EdgeInput input, long receivedAtMillis) {}

  private final KeyValueStore<Long, byte[]> store;
  private final int limit;
  private long first;
  private long next;

  PendingInputs(KeyValueStore<Long, byte[]> store, int limit) {
    this.store = store;
    this.limit = limit;
    // The sequence restarts where the restored entries end (keys are non-negative: ordered as big-endian bytes).
    try (KeyValueIterator<Long, byte[]> it = store.all()) {
      boolean any = false;
      while (it.hasNext()) {
        long k = it.next().key;
        if (!any) {
          first = k;
          any = true;
        }
        next = k + 1;
      }
      if (!any) {
        first = 0;
        next = 0;
      }
    }
  }

  int size() {
    return (int) (next - first);
  }

  boolean isEmpty() {
    return next == first;
  }

  /** Keeps {@code input}; false when the buffer is full (nothing kept). */
  boolean offer(Long key, EdgeInput input, long receivedAtMillis) {
    if (size() >= limit) {
      return false;
    }
    store.put(next++, encode(new Pending(key, input, receivedAtMillis)));
    return true;
  }

  static byte[] encode(Pending p) {
    byte[] wire = p.input().wire();
    return ByteBuffer.allocate(18 + wire.length).put(FORMAT).put((byte) p.input().kind().ordinal())
        .putLong(p.receivedAtMillis()).putLong(p.key() == null ? NO_KEY : p.key()).put(wire).array();
  }

  static Pending decode(byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    byte format = b.get();
    if (format != FORMAT) {
      throw new IllegalStateException("a waiting input of format " + format + "; this release reads format " + FORMAT);
    }
    EdgeInput.Kind kind = EdgeInput.Kind.values()[b.get()];
    long at = b.getLong();
    long key = b.getLong();
    byte[] wire = new byte[b.remaining()];
    b.get(wire);
    EdgeInput in = kind == EdgeInput.Kind.REQUEST ? EdgeInput.request(wire, null) : EdgeInput.labeled(wire, null);
    return new Pending(key == NO_KEY ? null : key, in, at);
  }

  /** The oldest waiting input, removed; null when none. */
  Pending poll() {
    while (first < next) {
      byte[] v = store.delete(first++);
      if (v != null) {
        return decode(v);
      }
    }
    return null;
  }
}
