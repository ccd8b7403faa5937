package io.streamnet.jobs.task;

import io.streamnet.nn.online.StreamExample;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A task whose scorer keeps state per key between requests, fed by the labeled events: e.g. recommendation keeps
 * each user's recent items, so that an answer excludes what the user has seen and reflects their latest taste. The
 * scorer is then keyed (requests and labeled events by the same key) and may run in parallel, the model broadcast to
 * every instance.
 *
 * @param <C> the per-key context
 */
public interface KeyedTask<L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase,
    C, O extends SpecificRecordBase> extends Task<L, E, R, C, O> {

  /** The key a request is scored under. */
  long requestKey(R request);

  /** The key whose context a labeled event updates. */
  long labeledKey(L labeled);

  /** The context of a key nothing has been seen for. */
  C emptyContext();

  /** The context after {@code labeled}; may update {@code context} in place and return it. */
  C update(C context, L labeled);

  /** The context as bytes, for a reader outside Flink to keep it in its own store; {@link #decodeContext} reads it. */
  byte[] encodeContext(C context);

  /**
   * The context {@link #encodeContext} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not such a context
   */
  C decodeContext(byte[] bytes);
}
