package io.streamnet.edge.score;

import java.nio.ByteBuffer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Inputs that came before the task's first model, in arrival order, in a changelogged store (so that a restarted
 * instance still answers them, exactly once): requests, and for a keyed task the labeled events between them, whose
 * order against the requests matters. Bounded: beyond the limit the caller dead-letters the input.
 *
 * <p>Entry: key = arrival sequence; value = kind (1 byte), arrival time (8), task key (8; {@link Long#MIN_VALUE}
 * when none), the record's wire bytes.
 */
final class PendingInputs {
  private static final long NO_KEY = Long.MIN_VALUE;

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
    byte[] wire = input.wire();
    ByteBuffer b = ByteBuffer.allocate(17 + wire.length);
    b.put((byte) input.kind().ordinal()).putLong(receivedAtMillis).putLong(key == null ? NO_KEY : key).put(wire);
    store.put(next++, b.array());
    return true;
  }

  /** The oldest waiting input, removed; null when none. */
  Pending poll() {
    while (first < next) {
      byte[] v = store.delete(first++);
      if (v != null) {
        ByteBuffer b = ByteBuffer.wrap(v);
        EdgeInput.Kind kind = EdgeInput.Kind.values()[b.get()];
        long at = b.getLong();
        long key = b.getLong();
        byte[] wire = new byte[b.remaining()];
        b.get(wire);
        EdgeInput in = kind == EdgeInput.Kind.REQUEST ? EdgeInput.request(wire, null) : EdgeInput.labeled(wire, null);
        return new Pending(key == NO_KEY ? null : key, in, at);
      }
    }
    return null;
  }
}
