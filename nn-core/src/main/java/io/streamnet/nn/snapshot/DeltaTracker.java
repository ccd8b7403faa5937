package io.streamnet.nn.snapshot;

import static io.streamnet.nn.snapshot.PayloadFormat.HEADER_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.KIND_DELTA;

import io.streamnet.nn.layer.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * Makes FULL and DELTA snapshot payloads of one live (training) model. {@link #full()} encodes every value and
 * keeps a copy as the base; {@link #delta()} encodes the rows that differ bitwise from the base, plus every row
 * an earlier delta since that full one carried. Deltas are therefore cumulative: delta(n) holds every row of
 * delta(n-1), so a scorer that applied the full and then any one or more of its deltas, in order, has exactly the
 * live values, even where a row went back to its base value. Id tables are tracked the same way, row by row.
 *
 * <p>One per trainer, not thread-safe. The base copy costs as much memory as the model. Frozen parameters
 * are compared like the others (they simply never change).
 */
public final class DeltaTracker {

  private final ModelContent live;
  private final List<Parameter> params;
  private final List<IdTable> tables;
  private final byte[][] names;
  /** Values at the last full(), per parameter; allocated by the first full(). */
  private float[][] base;
  /** Ids at the last full(), per id table. */
  private long[][] baseIds;
  /** Rows carried by a delta since the last full(), one bit per row, per parameter then per id table. */
  private final long[][] sticky;
  private final int[] stickyCount;
  /** Whether a parameter's base holds a NaN: then rows are compared bit by bit (see {@link #markChangedRows}). */
  private final boolean[] baseHasNaN;
  private boolean hasBase;
  private int lastDeltaRows;

  public DeltaTracker(ModelContent live) {
    this.live = live;
    this.params = live.parameters();
    this.tables = live.idTables();
    this.names = PayloadFormat.names(live);
    int n = params.size() + tables.size();
    this.sticky = new long[n][];
    this.stickyCount = new int[n];
    this.baseHasNaN = new boolean[params.size()];
    for (int i = 0; i < n; i++) {
      sticky[i] = new long[(rows(i) + 63) >>> 6];
    }
  }

  private int rows(int section) {
    return section < params.size() ? params.get(section).rows() : tables.get(section - params.size()).rows();
  }

  /** Whether {@link #full()} was called, so that {@link #delta()} has something to compare with. */
  public boolean hasBase() {
    return hasBase;
  }

  /** Rows (over all parameters and id tables) in the last {@link #delta()}. */
  public int lastDeltaRows() {
    return lastDeltaRows;
  }

  /** A FULL payload of the live values, which also become the base of the following deltas. */
  public byte[] full() {
    if (base == null) {
      base = new float[params.size()][];
      for (int i = 0; i < base.length; i++) {
        base[i] = new float[params.get(i).size()];
      }
      baseIds = new long[tables.size()][];
      for (int t = 0; t < baseIds.length; t++) {
        baseIds[t] = new long[tables.get(t).rows()];
      }
    }
    byte[] payload = SnapshotPayload.full(live);
    for (int i = 0; i < base.length; i++) {
      float[] values = params.get(i).value();
      int off = params.get(i).offset();
      int n = base[i].length;
      for (int at = 0; at < n; at += LittleEndian.SLICE) { // slices: see LittleEndian.SLICE
        System.arraycopy(values, off + at, base[i], at, Math.min(LittleEndian.SLICE, n - at));
      }
      baseHasNaN[i] = containsNaN(base[i]);
    }
    for (int t = 0; t < baseIds.length; t++) {
      IdTable table = tables.get(t);
      for (int row = 0; row < baseIds[t].length; row++) {
        baseIds[t][row] = table.idAt(row);
      }
    }
    for (int i = 0; i < sticky.length; i++) {
      Arrays.fill(sticky[i], 0L);
      stickyCount[i] = 0;
    }
    hasBase = true;
    lastDeltaRows = 0;
    return payload;
  }

  /**
   * A DELTA payload against the last {@link #full()}: the rows that differ from it now or were in an earlier delta
   * since it, with their live values.
   *
   * @throws IllegalStateException before the first full()
   */
  public byte[] delta() {
    if (!hasBase) {
      throw new IllegalStateException("delta() needs a base: call full() first (and publish it)");
    }
    long size = HEADER_BYTES;
    int total = 0;
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      markChangedRows(i);
      int n = stickyCount[i];
      total += n;
      size += PayloadFormat.parameterHeaderBytes(names[i]) + 4L + (n == p.rows() ? 0L : 4L * n) + 4L * n * p.cols();
    }
    for (int t = 0; t < tables.size(); t++) {
      int s = params.size() + t;
      markChangedIds(t);
      int n = stickyCount[s];
      total += n;
      size += PayloadFormat.idTableHeaderBytes(names[s]) + 4L + (n == rows(s) ? 0L : 4L * n) + 8L * n;
    }
    byte[] out = PayloadFormat.allocate(size);
    int pos = PayloadFormat.writeHeader(out, KIND_DELTA, params.size(), tables.size());
    for (int i = 0; i < params.size(); i++) {
      pos = writeRows(out, pos, i);
    }
    for (int t = 0; t < tables.size(); t++) {
      pos = writeIds(out, pos, t);
    }
    lastDeltaRows = total;
    return out;
  }

  /** Adds the rows of parameter {@code i} that differ bitwise from its base to its sticky set. */
  private void markChangedRows(int i) {
    float[] values = params.get(i).value();
    int off = params.get(i).offset();
    float[] b = base[i];
    int cols = params.get(i).cols();
    int n = b.length;
    if (baseHasNaN[i]) {
      for (int row = 0, at = 0; at < n; row++, at += cols) {
        if (!isSticky(i, row) && rowDiffersBitwise(values, off + at, b, at, cols)) {
          mark(i, row);
        }
      }
      return;
    }
    // Arrays.mismatch compares Float.floatToIntBits (all NaNs alike) with vectorized code. With no NaN in the
    // base that is exact bitwise: a position where live is any NaN differs from a non-NaN base value.
    int pos = 0;
    while (pos < n) {
      int end = (int) Math.min(n, (long) pos + LittleEndian.SLICE); // bounded scans: see LittleEndian.SLICE
      int m = Arrays.mismatch(values, off + pos, off + end, b, pos, end);
      if (m < 0) {
        pos = end;
        continue;
      }
      int row = (pos + m) / cols;
      if (!isSticky(i, row)) {
        mark(i, row);
      }
      pos = (row + 1) * cols;
    }
  }

  /** Adds the rows of id table {@code t} whose id differs from its base to its sticky set. */
  private void markChangedIds(int t) {
    IdTable table = tables.get(t);
    long[] b = baseIds[t];
    int s = params.size() + t;
    for (int row = 0; row < b.length; row++) {
      if (table.idAt(row) != b[row] && !isSticky(s, row)) {
        mark(s, row);
      }
    }
  }

  private static boolean rowDiffersBitwise(float[] live, int liveAt, float[] b, int at, int cols) {
    for (int k = 0; k < cols; k++) {
      if (Float.floatToRawIntBits(live[liveAt + k]) != Float.floatToRawIntBits(b[at + k])) {
        return true;
      }
    }
    return false;
  }

  private boolean isSticky(int i, int row) {
    return (sticky[i][row >>> 6] & (1L << row)) != 0;
  }

  private void mark(int i, int row) {
    sticky[i][row >>> 6] |= 1L << row;
    stickyCount[i]++;
  }

  /** Writes parameter {@code i}'s header, its sticky rows' indices (unless all rows) and their live values. */
  private int writeRows(byte[] out, int pos, int i) {
    Parameter p = params.get(i);
    int rows = p.rows();
    int cols = p.cols();
    int n = stickyCount[i];
    float[] values = p.value();
    int off = p.offset();
    pos = PayloadFormat.writeParameterHeader(out, pos, names[i], rows, cols);
    LittleEndian.putInt(out, pos, n);
    pos += 4;
    if (n == rows) {
      LittleEndian.putFloats(out, pos, values, off, p.size());
      return pos + 4 * p.size();
    }
    int indexAt = pos;
    int valueAt = pos + 4 * n;
    int rowBytes = 4 * cols;
    int j = 0;
    for (int row = nextSticky(i, 0); row >= 0; row = nextSticky(i, row + 1), j++) {
      LittleEndian.putInt(out, indexAt + 4 * j, row);
      LittleEndian.putFloats(out, valueAt + j * rowBytes, values, off + row * cols, cols);
    }
    return valueAt + n * rowBytes;
  }

  /** Writes id table {@code t}'s header, its sticky rows' indices (unless all rows) and their live ids. */
  private int writeIds(byte[] out, int pos, int t) {
    IdTable table = tables.get(t);
    int s = params.size() + t;
    int rows = table.rows();
    int n = stickyCount[s];
    pos = PayloadFormat.writeIdTableHeader(out, pos, names[s], rows);
    LittleEndian.putInt(out, pos, n);
    pos += 4;
    int valueAt = n == rows ? pos : pos + 4 * n;
    int j = 0;
    for (int row = nextSticky(s, 0); row >= 0; row = nextSticky(s, row + 1), j++) {
      if (n != rows) {
        LittleEndian.putInt(out, pos + 4 * j, row);
      }
      LittleEndian.putLong(out, valueAt + 8 * j, table.idAt(row));
    }
    return valueAt + 8 * n;
  }

  /** The first sticky row of section {@code s} at or after {@code from}, or -1. */
  private int nextSticky(int s, int from) {
    long[] bits = sticky[s];
    int w = from >>> 6;
    if (w >= bits.length) {
      return -1;
    }
    long word = bits[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      if (++w == bits.length) {
        return -1;
      }
      word = bits[w];
    }
  }

  private static boolean containsNaN(float[] values) {
    for (float v : values) {
      if (v != v) {
        return true;
      }
    }
    return false;
  }
}
