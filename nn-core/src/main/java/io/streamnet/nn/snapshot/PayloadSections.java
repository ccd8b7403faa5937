package io.streamnet.nn.snapshot;

import static io.streamnet.nn.snapshot.PayloadFormat.FLOAT_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.HEADER_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.ID_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.KIND_DELTA;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over the sections of a payload ({@link PayloadFormat}): each parameter, then each id table, checked as it
 * is reached (bounds, row counts, strictly increasing row indices, and after the last one no trailing bytes). One
 * object per pass, so applying a payload allocates nothing per section or row; {@link #parse} collects the sections
 * for the part splitter.
 */
final class PayloadSections {

  /**
   * One parameter ({@code ids == false}: f32 values, {@code cols} per row) or id table ({@code ids}: one i64 per row).
   *
   * @param n       rows listed; {@code rows} for a FULL payload
   * @param indexAt where the n row indices start, or -1 when every row is listed in order
   * @param valueAt where the listed rows' values start
   */
  record Section(boolean ids, int nameAt, int nameLength, int rows, int cols, int n, int indexAt, int valueAt) {
    int valueBytes() {
      return ids ? ID_BYTES : FLOAT_BYTES;
    }

    /** Bytes of one listed row: its index (when indices are written) and its values. */
    long rowBytes() {
      return 4L + (long) valueBytes() * cols;
    }

    /** The row of the {@code j}-th listed row. */
    int row(byte[] p, int j) {
      return indexAt < 0 ? j : LittleEndian.getInt(p, indexAt + 4 * j);
    }
  }

  private final byte[] p;
  private final int kind;
  private final int parameters;
  private final int tables;
  private int index;
  private int pos;
  // the current section
  boolean ids;
  int nameAt;
  int nameLength;
  int rows;
  int cols;
  int n;
  int indexAt;
  int valueAt;

  /** A cursor before the first section of {@code payload}, whose header {@link PayloadFormat#readKind} accepted. */
  PayloadSections(byte[] payload, int kind) {
    this.p = payload;
    this.kind = kind;
    this.parameters = PayloadFormat.parameterCount(payload);
    this.tables = PayloadFormat.idTableCount(payload);
    if (parameters < 0) {
      throw new IllegalArgumentException("snapshot payload declares " + parameters + " parameters");
    }
    rewind();
  }

  /** The sections of {@code payload}, parameters first. */
  static List<Section> parse(byte[] payload, int kind) {
    PayloadSections c = new PayloadSections(payload, kind);
    List<Section> sections = new ArrayList<>(c.parameters + c.tables);
    while (c.next()) {
      sections.add(new Section(c.ids, c.nameAt, c.nameLength, c.rows, c.cols, c.n, c.indexAt, c.valueAt));
    }
    return sections;
  }

  int parameters() {
    return parameters;
  }

  int idTables() {
    return tables;
  }

  /** Position of the current section among the parameters, or among the id tables. */
  int indexInKind() {
    return ids ? index - parameters : index;
  }

  void rewind() {
    index = -1;
    pos = HEADER_BYTES;
  }

  /** Moves to the next section and checks it; false after the last one (then the payload has been checked whole). */
  boolean next() {
    if (index + 1 == parameters + tables) {
      if (pos != p.length) {
        throw new IllegalArgumentException("snapshot payload has " + (p.length - pos) + " unexpected byte(s) after its "
            + parameters + " parameters and " + tables + " id tables");
      }
      return false;
    }
    index++;
    ids = index >= parameters;
    nameAt = -1;
    need(2);
    nameLength = LittleEndian.getUnsignedShort(p, pos);
    need(2L + nameLength);
    nameAt = pos + 2;
    pos = nameAt + nameLength;
    need(ids ? 4 : 8);
    rows = LittleEndian.getInt(p, pos);
    cols = ids ? 1 : LittleEndian.getInt(p, pos + 4);
    pos += ids ? 4 : 8;
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("snapshot payload: " + describe() + " has shape [" + rows + ", " + cols + "]");
    }
    n = rows;
    indexAt = -1;
    if (kind == KIND_DELTA) {
      need(4);
      n = LittleEndian.getInt(p, pos);
      pos += 4;
      if (n < 0 || n > rows) {
        throw new IllegalArgumentException("snapshot payload: delta of " + describe() + " lists " + n + " of " + rows
            + " rows");
      }
      if (n != rows) {
        need(4L * n);
        indexAt = pos;
        checkIndices();
        pos += 4 * n;
      }
    }
    long valueBytes = (long) (ids ? ID_BYTES : FLOAT_BYTES) * n * cols;
    need(valueBytes);
    valueAt = pos;
    pos += (int) valueBytes;
    return true;
  }

  /** The row of the {@code j}-th listed row of the current section. */
  int row(int j) {
    return indexAt < 0 ? j : LittleEndian.getInt(p, indexAt + 4 * j);
  }

  String name() {
    return new String(p, nameAt, nameLength, StandardCharsets.UTF_8);
  }

  private void checkIndices() {
    int previous = -1;
    for (int j = 0; j < n; j++) {
      int row = LittleEndian.getInt(p, indexAt + 4 * j);
      if (row <= previous || row >= rows) {
        throw new IllegalArgumentException("snapshot payload: delta of " + describe() + " lists row " + row
            + " at position " + j + (row >= rows ? " outside [0, " + rows + ")" : " after row " + previous
            + " (rows must be strictly increasing)"));
      }
      previous = row;
    }
  }

  private void need(long bytes) {
    if (pos + bytes > p.length) {
      throw new IllegalArgumentException("snapshot payload is truncated in " + describe() + ": " + bytes
          + " byte(s) needed at offset " + pos + ", the payload ends at " + p.length);
    }
  }

  /** "parameter 'name'" (or "id table ..."), by position while the name is not read yet; built only for errors. */
  private String describe() {
    String what = ids ? "id table" : "parameter";
    return nameAt < 0 ? what + " #" + indexInKind() : what + " '" + name() + "'";
  }
}
