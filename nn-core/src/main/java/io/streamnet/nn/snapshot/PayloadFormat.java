package io.streamnet.nn.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of snapshot payloads (the {@code parameters} bytes of a ModelSnapshot), little-endian throughout:
 * <pre>
 *   header     magic "SNPL" | u8 format version | u8 kind (0 FULL, 1 DELTA) | u16 id-table count | i32 parameter count
 *   parameter  u16 name length | name (UTF-8) | i32 rows | i32 cols, then
 *     FULL     f32[rows * cols]                               all values, row-major
 *     DELTA    i32 n | i32[n] row indices, strictly increasing | f32[n * cols] those rows' values
 *              (when n == rows the indices are left out: every row follows, in order)
 *   id table   (after the parameters) u16 name length | name (UTF-8) | i32 rows, then
 *     FULL     i64[rows]                                      the id of each row ({@link IdTable#NO_ID}: none)
 *     DELTA    i32 n | i32[n] row indices, strictly increasing | i64[n] those rows' ids (n == rows: no indices)
 * </pre>
 * Parameters and id tables appear in the model's order ({@link ModelContent}). A row is {@code cols} consecutive
 * floats of a {@code [rows, cols]} parameter, e.g. one embedding vector, or one id of an id table.
 *
 * <p>Format version 1 has no id tables (its u16 is 0); version 2 adds them. A payload without id tables is written
 * as version 1, byte for byte what earlier releases wrote, so they still read every payload of a model without ids.
 */
final class PayloadFormat {

  static final byte[] MAGIC = {'S', 'N', 'P', 'L'};
  static final int FORMAT_VERSION = 2;
  static final int FORMAT_WITHOUT_ID_TABLES = 1;
  static final int HEADER_BYTES = 12;
  static final int KIND_FULL = 0;
  static final int KIND_DELTA = 1;
  /** Bytes of one value: f32 for a parameter, i64 for an id table. */
  static final int FLOAT_BYTES = 4;
  static final int ID_BYTES = 8;
  /** A name longer than this cannot be written in the u16 length. */
  static final int MAX_NAME_BYTES = 0xFFFF;
  /** Id tables a header can announce. */
  static final int MAX_ID_TABLES = 0xFFFF;
  /** Java arrays stop a little below Integer.MAX_VALUE. */
  static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 16;

  private PayloadFormat() {}

  static byte[] nameBytes(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("name of " + bytes.length + " bytes is too long for a snapshot payload: "
          + name.substring(0, 64) + "...");
    }
    return bytes;
  }

  /** The names of the content's parameters, then of its id tables, as UTF-8. */
  static byte[][] names(ModelContent content) {
    int p = content.parameters().size();
    int t = content.idTables().size();
    if (t > MAX_ID_TABLES) {
      throw new IllegalArgumentException(t + " id tables are more than a snapshot payload holds (" + MAX_ID_TABLES
          + ")");
    }
    byte[][] names = new byte[p + t][];
    for (int i = 0; i < p; i++) {
      names[i] = nameBytes(content.parameters().get(i).name());
    }
    for (int i = 0; i < t; i++) {
      names[p + i] = nameBytes(content.idTables().get(i).name());
    }
    return names;
  }

  /** Bytes of a parameter's name, rows and cols fields. */
  static long parameterHeaderBytes(byte[] name) {
    return 2L + name.length + 8L;
  }

  /** Bytes of an id table's name and rows fields. */
  static long idTableHeaderBytes(byte[] name) {
    return 2L + name.length + 4L;
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
  static int writeHeader(byte[] out, int kind, int parameterCount, int idTableCount) {
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[4] = (byte) (idTableCount == 0 ? FORMAT_WITHOUT_ID_TABLES : FORMAT_VERSION);
    out[5] = (byte) kind;
    LittleEndian.putUnsignedShort(out, 6, idTableCount);
    LittleEndian.putInt(out, 8, parameterCount);
    return HEADER_BYTES;
  }

  /** Writes a parameter's name, rows and cols at {@code pos}; returns the position after them. */
  static int writeParameterHeader(byte[] out, int pos, byte[] name, int rows, int cols) {
    pos = writeName(out, pos, name);
    LittleEndian.putInt(out, pos, rows);
    LittleEndian.putInt(out, pos + 4, cols);
    return pos + 8;
  }

  /** Writes an id table's name and rows at {@code pos}; returns the position after them. */
  static int writeIdTableHeader(byte[] out, int pos, byte[] name, int rows) {
    pos = writeName(out, pos, name);
    LittleEndian.putInt(out, pos, rows);
    return pos + 4;
  }

  private static int writeName(byte[] out, int pos, byte[] name) {
    LittleEndian.putUnsignedShort(out, pos, name.length);
    System.arraycopy(name, 0, out, pos + 2, name.length);
    return pos + 2 + name.length;
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
    if (version != FORMAT_WITHOUT_ID_TABLES && version != FORMAT_VERSION) {
      throw new IllegalArgumentException("snapshot payload has format version " + version + ", this code reads"
          + " versions " + FORMAT_WITHOUT_ID_TABLES + " and " + FORMAT_VERSION);
    }
    if (version == FORMAT_WITHOUT_ID_TABLES && idTableCount(payload) != 0) {
      throw new IllegalArgumentException("snapshot payload of format version 1 announces "
          + idTableCount(payload) + " id tables; version 1 has none");
    }
    int kind = payload[5] & 0xFF;
    if (kind != KIND_FULL && kind != KIND_DELTA) {
      throw new IllegalArgumentException("snapshot payload has unknown kind code " + kind
          + " (0 = FULL, 1 = DELTA)");
    }
    return kind;
  }

  static int idTableCount(byte[] payload) {
    return LittleEndian.getUnsignedShort(payload, 6);
  }

  static int parameterCount(byte[] payload) {
    return LittleEndian.getInt(payload, 8);
  }
}
