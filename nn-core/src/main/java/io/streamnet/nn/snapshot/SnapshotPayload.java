package io.streamnet.nn.snapshot;

import static io.streamnet.nn.snapshot.PayloadFormat.HEADER_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.KIND_FULL;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.state.Sha256;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The model carried by a {@code ModelSnapshot} ({@code parameters} bytes): FULL (every value of every parameter and
 * every row of every id table) or DELTA (the rows that changed since a full one, see {@link DeltaTracker}). Layout:
 * {@link PayloadFormat}.
 *
 * <p>{@link #apply} copies a payload onto a model in place, so a scorer can keep one model and move it from version
 * to version between requests without allocating per row.
 */
public final class SnapshotPayload {

  /** What a payload holds. */
  public enum Kind {
    /** Every value of every parameter. */
    FULL,
    /** Only changed rows, to be applied on top of the full payload they are relative to. */
    DELTA
  }

  private SnapshotPayload() {}

  /** All values of {@code model} as a FULL payload. */
  public static byte[] full(ModelContent model) {
    List<Parameter> params = model.parameters();
    List<IdTable> tables = model.idTables();
    byte[][] names = PayloadFormat.names(model);
    long size = HEADER_BYTES;
    for (int i = 0; i < params.size(); i++) {
      size += PayloadFormat.parameterHeaderBytes(names[i]) + 4L * params.get(i).size();
    }
    for (int t = 0; t < tables.size(); t++) {
      size += PayloadFormat.idTableHeaderBytes(names[params.size() + t]) + 8L * tables.get(t).rows();
    }
    byte[] out = PayloadFormat.allocate(size);
    int pos = PayloadFormat.writeHeader(out, KIND_FULL, params.size(), tables.size());
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      pos = PayloadFormat.writeParameterHeader(out, pos, names[i], p.rows(), p.cols());
      LittleEndian.putFloats(out, pos, p.value(), p.offset(), p.size());
      pos += 4 * p.size();
    }
    for (int t = 0; t < tables.size(); t++) {
      IdTable table = tables.get(t);
      pos = PayloadFormat.writeIdTableHeader(out, pos, names[params.size() + t], table.rows());
      for (int row = 0; row < table.rows(); row++, pos += 8) {
        LittleEndian.putLong(out, pos, table.idAt(row));
      }
    }
    return out;
  }

  /**
   * The kind of {@code payload}.
   *
   * @throws IllegalArgumentException if it is not a snapshot payload (magic, format version, kind)
   */
  public static Kind kind(byte[] payload) {
    return PayloadFormat.readKind(payload) == KIND_FULL ? Kind.FULL : Kind.DELTA;
  }

  /**
   * Applies a FULL or DELTA payload onto {@code target} in place. A DELTA must be applied on top of the FULL payload
   * it was made against (or on top of an earlier DELTA against the same FULL): its rows replace the target's,
   * other rows stay as they are. The whole payload is checked against the model before any value is written, so
   * a payload that does not fit leaves the model untouched.
   *
   * @throws IllegalArgumentException if the payload is malformed or does not match the model (names, order,
   *     shapes; the message names the parameter or id table and both shapes)
   */
  public static void apply(byte[] payload, ModelContent target) {
    PayloadSections c = new PayloadSections(payload, PayloadFormat.readKind(payload));
    List<Parameter> params = target.parameters();
    List<IdTable> tables = target.idTables();
    if (c.parameters() != params.size()) {
      throw new IllegalArgumentException("snapshot payload holds " + c.parameters() + " parameters, the network has "
          + params.size() + " " + params.stream().map(Parameter::name).toList());
    }
    if (c.idTables() != tables.size()) {
      throw new IllegalArgumentException("snapshot payload holds " + c.idTables() + " id tables, the model has "
          + tables.size() + " " + tables.stream().map(IdTable::name).toList());
    }
    while (c.next()) {
      if (c.ids) {
        IdTable t = tables.get(c.indexInKind());
        checkFits(payload, c, t.name(), t.rows(), 1);
      } else {
        Parameter p = params.get(c.indexInKind());
        checkFits(payload, c, p.name(), p.rows(), p.cols());
      }
    }
    c.rewind();
    while (c.next()) {
      if (c.ids) {
        copyIds(payload, c, tables.get(c.indexInKind()));
      } else {
        Parameter p = params.get(c.indexInKind());
        copyValues(payload, c, p.value(), p.offset());
      }
    }
    target.contentChanged();
  }

  /** SHA-256 of {@code bytes} as 64 lower-case hex characters (ModelSnapshot.sha256). */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.of(bytes));
  }

  private static void checkFits(byte[] p, PayloadSections s, String name, int rows, int cols) {
    if (s.rows != rows || s.cols != cols || !sameName(p, s.nameAt, s.nameLength, name)) {
      String kind = s.ids ? "id table" : "parameter";
      throw new IllegalArgumentException("snapshot payload does not fit the model: " + kind + " '" + s.name()
          + "' of shape [" + s.rows + ", " + s.cols + "] in the payload, but '" + name + "' of shape [" + rows
          + ", " + cols + "] in the model");
    }
  }

  private static void copyValues(byte[] p, PayloadSections s, float[] values, int base) {
    int cols = s.cols;
    if (s.indexAt < 0) { // every row, in order
      LittleEndian.getFloats(p, s.valueAt, values, base, s.n * cols);
      return;
    }
    // one little-endian float view of the rows, then a bulk copy per row: rows are short (16 floats for the default
    // embedding), and a load per float made a large delta a long stall of the scoring thread (docs/BENCHMARKS.md)
    FloatBuffer rowValues = LittleEndian.floats(p, s.valueAt, s.n * cols);
    for (int j = 0; j < s.n; j++) {
      rowValues.get(j * cols, values, base + s.row(j) * cols, cols);
    }
  }

  private static void copyIds(byte[] p, PayloadSections s, IdTable table) {
    for (int j = 0; j < s.n; j++) {
      table.assign(s.row(j), LittleEndian.getLong(p, s.valueAt + 8 * j));
    }
  }

  /** Whether the UTF-8 bytes equal {@code name}; allocates nothing for ASCII names. */
  private static boolean sameName(byte[] p, int at, int length, String name) {
    if (length == name.length()) {
      boolean ascii = true;
      for (int k = 0; k < length && ascii; k++) {
        byte b = p[at + k];
        if (b < 0) {
          ascii = false;
        } else if (b != name.charAt(k)) {
          return false;
        }
      }
      if (ascii) {
        return true;
      }
    }
    return name.equals(new String(p, at, length, StandardCharsets.UTF_8));
  }
}
