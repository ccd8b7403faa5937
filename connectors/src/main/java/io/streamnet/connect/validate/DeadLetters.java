package io.streamnet.connect.validate;

import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter}s that keep the original record's position, key, value and headers unchanged. */
public final class DeadLetters {

  private DeadLetters() {}

  /**
   * A dead letter for {@code raw}.
   *
   * @param schemaId the writer schema id from the header, or null when it could not be read
   * @param at       when the record is dead-lettered
   */
  public static DeadLetter of(RawRecord raw, DeadLetterReason reason, String message, Integer schemaId, Instant at) {
    return DeadLetter.newBuilder()
        .setSourceTopic(raw.topic())
        .setSourcePartition(raw.partition())
        .setSourceOffset(raw.offset())
        .setSourceTimestamp(raw.timestamp() == null ? null : Instant.ofEpochMilli(raw.timestamp()))
        .setReason(reason)
        .setMessage(message)
        .setSchemaId(schemaId)
        .setKey(wrap(raw.key()))
        .setValue(wrap(raw.value()))
        .setHeaders(raw.headers())
        .setDeadLetteredAt(at)
        .build();
  }

  /** The bytes of a dead letter's key or value field (null stays null). */
  public static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }
}
