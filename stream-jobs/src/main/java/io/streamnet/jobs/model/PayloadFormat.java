package io.streamnet.jobs.model;

import io.streamnet.nn.layer.Parameter;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of snapshot payloads (the {@code parameters} bytes of a ModelSnapshot), little-endian throughout:
 * <pre>
 *   header     magic "SNPL" | u8 format version (1) | u8 kind (0 FULL, 1 DELTA) | u16 0 | i32 parameter count
 *   parameter  u16 name length | name (UTF-8) | i32 rows | i32 cols, then
 *     FULL     f32[rows * cols]                               all values, row-major
 *     DELTA    i32 n | i32[n] row indices, strictly increasing | f32[n * cols] those rows' values
 *              (when n == rows the indices are left out: every row follows, in order)
 * </pre>
 * Parameters appear in the network's order ({@code Network.parameters()}). A row is {@code cols} consecutive
 * floats of a {@code [rows, cols]} parameter, e.g. one embedding vector.
 */
final class PayloadFormat {

  static final byte[] MAGIC = {'S', 'N', 'P', 'L'};
  static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 12;
  static final int KIND_FULL = 0;
  static final int KIND_DELTA = 1;
  /** A name longer than this cannot be written in the u16 length. */
  static final int MAX_NAME_BYTES = 0xFFFF;
  /** Java arrays stop a little below Integer.MAX_VALUE. */
  static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 16;

  private PayloadFormat() {}

  static byte[] nameBytes(Parameter p) {
    byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("parameter name of " + name.length + " bytes is too long for a snapshot payload: "
          + p.name().substring(0, 64) + "...");
    }
    return name;
  }

  /** Bytes of a parameter's name, rows and cols fields. */
  static long parameterHeaderBytes(byte[] name) {
    return 2L + name.length + 8L;
  }

  /** Allocates a payload of {@code size} bytes, failing clearly when it cannot be one array. */
  static byte[] allocate(long size) {
    if (size > MAX_PAYLOAD_BYTES) {
      throw new IllegalStateException("a snapshot payload of " + size + " bytes exceeds the " + MAX_PAYLOAD_BYTES
          + "-byte limit of one array; use a smaller model or shard its parameters");
    }
    return new byte[(int) size];
  }

  /** Writes the header; returns the position after it. */
  static int writeHeader(byte[] out, int kind, int parameterCount) {
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[4] = (byte) FORMAT_VERSION;
    out[5] = (byte) kind;
    LittleEndian.putUnsignedShort(out, 6, 0);
    LittleEndian.putInt(out, 8, parameterCount);
    return HEADER_BYTES;
  }

  /** Writes a parameter's name, rows and cols at {@code pos}; returns the position after them. */
  static int writeParameterHeader(byte[] out, int pos, byte[] name, int rows, int cols) {
    LittleEndian.putUnsignedShort(out, pos, name.length);
    pos += 2;
    System.arraycopy(name, 0, out, pos, name.length);
    pos += name.length;
    LittleEndian.putInt(out, pos, rows);
    LittleEndian.putInt(out, pos + 4, cols);
    return pos + 8;
  }

  /**
   * Checks the header and returns the kind code.
   *
   * @throws IllegalArgumentException if the bytes are not a payload of a format this code reads
   */
  static int readKind(byte[] payload) {
    if (payload == null) {
      throw new IllegalArgumentException("snapshot payload is null");
    }
    if (payload.length < HEADER_BYTES) {
      throw new IllegalArgumentException("snapshot payload of " + payload.length + " bytes is shorter than its "
          + HEADER_BYTES + "-byte header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (payload[i] != MAGIC[i]) {
        throw new IllegalArgumentException("not a StreamNet snapshot payload: it does not start with magic 'SNPL'");
      }
    }
    int version = payload[4] & 0xFF;
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("snapshot payload has format version " + version + ", this code reads version "
          + FORMAT_VERSION);
    }
    int kind = payload[5] & 0xFF;
    if (kind != KIND_FULL && kind != KIND_DELTA) {
      throw new IllegalArgumentException("snapshot payload has unknown kind code " + kind
          + " (0 = FULL, 1 = DELTA)");
    }
    return kind;
  }
}
