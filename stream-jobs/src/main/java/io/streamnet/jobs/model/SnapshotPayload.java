package io.streamnet.jobs.model;

import static io.streamnet.jobs.model.PayloadFormat.HEADER_BYTES;
import static io.streamnet.jobs.model.PayloadFormat.KIND_DELTA;
import static io.streamnet.jobs.model.PayloadFormat.KIND_FULL;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.state.Sha256;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The weights carried by a {@code ModelSnapshot} ({@code parameters} bytes): FULL (every value of every parameter)
 * or DELTA (the rows that changed since a full one, see {@link DeltaTracker}). Layout: {@link PayloadFormat}.
 *
 * <p>{@link #apply} copies a payload onto a network in place, so a scorer can keep one network and move it from
 * version to version between requests without allocating per row.
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

  /** All parameter values of {@code net} as a FULL payload. */
  public static byte[] full(Network net) {
    List<Parameter> params = net.parameters();
    byte[][] names = new byte[params.size()][];
    long size = HEADER_BYTES;
    for (int i = 0; i < names.length; i++) {
      Parameter p = params.get(i);
      names[i] = PayloadFormat.nameBytes(p);
      size += PayloadFormat.parameterHeaderBytes(names[i]) + 4L * p.size();
    }
    byte[] out = PayloadFormat.allocate(size);
    int pos = PayloadFormat.writeHeader(out, KIND_FULL, names.length);
    for (int i = 0; i < names.length; i++) {
      Parameter p = params.get(i);
      pos = PayloadFormat.writeParameterHeader(out, pos, names[i], p.rows(), p.cols());
      LittleEndian.putFloats(out, pos, p.value(), 0, p.size());
      pos += 4 * p.size();
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
   * other rows stay as they are. The whole payload is checked against the network before any value is written, so
   * a payload that does not fit leaves the network untouched.
   *
   * @throws IllegalArgumentException if the payload is malformed or its parameters do not match the network's
   *     (names, order, shapes; the message names the parameter and both shapes)
   */
  public static void apply(byte[] payload, Network target) {
    int kind = PayloadFormat.readKind(payload);
    List<Parameter> params = target.parameters();
    walk(payload, kind, params, false);
    walk(payload, kind, params, true);
  }

  /** SHA-256 of {@code bytes} as 64 lower-case hex characters (ModelSnapshot.sha256). */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.of(bytes));
  }

  /**
   * One pass over the payload: with {@code copy} false it only checks structure, names, shapes, bounds and row
   * indices; with {@code copy} true (after a checking pass) it writes the values into the parameters.
   */
  private static void walk(byte[] p, int kind, List<Parameter> params, boolean copy) {
    int count = LittleEndian.getInt(p, 8);
    if (count != params.size()) {
      throw new IllegalArgumentException("snapshot payload holds " + count + " parameters, the network has "
          + params.size() + " " + params.stream().map(Parameter::name).toList());
    }
    int pos = HEADER_BYTES;
    for (int i = 0; i < count; i++) {
      Parameter param = params.get(i);
      need(p, pos, 2, param);
      int nameLength = LittleEndian.getUnsignedShort(p, pos);
      pos += 2;
      need(p, pos, nameLength + 8L, param);
      int nameAt = pos;
      pos += nameLength;
      int rows = LittleEndian.getInt(p, pos);
      int cols = LittleEndian.getInt(p, pos + 4);
      pos += 8;
      if (rows != param.rows() || cols != param.cols() || !sameName(p, nameAt, nameLength, param.name())) {
        throw new IllegalArgumentException("snapshot payload does not fit the network: parameter #" + i + " is '"
            + new String(p, nameAt, nameLength, StandardCharsets.UTF_8) + "' of shape [" + rows + ", " + cols
            + "] in the payload, but '" + param.name() + "' of shape " + param.shapeString() + " in the network");
      }
      float[] values = param.value();
      if (kind == KIND_FULL) {
        pos = copyRows(p, pos, values, rows, cols, param, copy);
        continue;
      }
      need(p, pos, 4, param);
      int n = LittleEndian.getInt(p, pos);
      pos += 4;
      if (n < 0 || n > rows) {
        throw new IllegalArgumentException("snapshot payload: delta of parameter '" + param.name() + "' holds " + n
            + " rows, the parameter has " + rows);
      }
      if (n == rows) {
        pos = copyRows(p, pos, values, rows, cols, param, copy);
        continue;
      }
      need(p, pos, 4L * n + 4L * n * cols, param);
      int indexAt = pos;
      int valueAt = pos + 4 * n;
      int rowBytes = 4 * cols;
      if (copy) {
        // one little-endian float view of the rows, then a bulk copy per row: rows are short (16 floats for the
        // default embedding), and a load per float made a 15 MB delta a 25 ms stall of the scoring thread
        FloatBuffer rowValues = LittleEndian.floats(p, valueAt, n * cols);
        for (int j = 0; j < n; j++) {
          int row = LittleEndian.getInt(p, indexAt + 4 * j);
          rowValues.get(j * cols, values, row * cols, cols);
        }
      } else {
        checkIndices(p, indexAt, n, rows, param);
      }
      pos = valueAt + n * rowBytes;
    }
    if (pos != p.length) {
      throw new IllegalArgumentException("snapshot payload has " + (p.length - pos) + " unexpected byte(s) after its "
          + count + " parameters");
    }
  }

  private static int copyRows(byte[] p, int pos, float[] values, int rows, int cols, Parameter param, boolean copy) {
    long bytes = 4L * rows * cols;
    need(p, pos, bytes, param);
    if (copy) {
      LittleEndian.getFloats(p, pos, values, 0, rows * cols);
    }
    return pos + (int) bytes;
  }

  private static void checkIndices(byte[] p, int at, int n, int rows, Parameter param) {
    int previous = -1;
    for (int j = 0; j < n; j++) {
      int row = LittleEndian.getInt(p, at + 4 * j);
      if (row <= previous || row >= rows) {
        throw new IllegalArgumentException("snapshot payload: delta of parameter '" + param.name() + "' lists row "
            + row + " at position " + j + (row >= rows ? " outside [0, " + rows + ")" : " after row " + previous
            + " (rows must be strictly increasing)"));
      }
      previous = row;
    }
  }

  private static void need(byte[] p, int pos, long bytes, Parameter param) {
    if (pos + bytes > p.length) {
      throw new IllegalArgumentException("snapshot payload is truncated in parameter '" + param.name() + "': "
          + bytes + " byte(s) needed at offset " + pos + ", the payload ends at " + p.length);
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
