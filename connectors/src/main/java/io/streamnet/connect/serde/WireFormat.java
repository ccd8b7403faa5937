package io.streamnet.connect.serde;

import io.streamnet.schema.DeadLetterReason;

/**
 * The Confluent wire format: magic byte {@code 0x00}, the writer schema's registry id as a 4-byte big-endian int,
 * then the Avro binary encoding of the record.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0x0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The schema id in the header of {@code framed}; a {@link DecodeException} naming the fault when there is none. */
  public static int schemaId(byte[] framed) {
    if (framed == null) {
      throw new DecodeException(DeadLetterReason.NULL_VALUE, null, "no bytes (null)");
    }
    if (framed.length == 0) {
      throw new DecodeException(DeadLetterReason.NO_MAGIC_BYTE, null,
          "empty (0 bytes): no wire-format magic byte 0x00");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new DecodeException(DeadLetterReason.NO_MAGIC_BYTE, null, String.format(
          "first byte is 0x%02x, not the wire-format magic byte 0x00: not Confluent-framed Avro", framed[0] & 0xff));
    }
    if (framed.length < HEADER_SIZE) {
      throw new DecodeException(DeadLetterReason.TRUNCATED_HEADER, null, "only " + framed.length
          + " byte(s), shorter than the 5-byte wire-format header (magic byte + 4-byte schema id)");
    }
    return ((framed[1] & 0xff) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8) | (framed[4] & 0xff);
  }

  /** Writes the 5-byte header for {@code schemaId} into {@code target} at {@code offset}. */
  public static void writeHeader(int schemaId, byte[] target, int offset) {
    target[offset] = MAGIC_BYTE;
    target[offset + 1] = (byte) (schemaId >>> 24);
    target[offset + 2] = (byte) (schemaId >>> 16);
    target[offset + 3] = (byte) (schemaId >>> 8);
    target[offset + 4] = (byte) schemaId;
  }
}
