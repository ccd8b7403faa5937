package io.streamnet.jobs.model;

import static io.streamnet.jobs.model.PayloadFormat.HEADER_BYTES;
import static io.streamnet.jobs.model.PayloadFormat.KIND_DELTA;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a FULL or DELTA snapshot payload into DELTA payloads of a bounded size ({@link ModelPart}). Every row of the
 * source is in exactly one part, in the source's order, so applying the parts in order onto a network has exactly
 * the effect of applying the source: a FULL source becomes parts listing every row. Bytes are copied as they are
 * (both are little-endian), nothing is decoded.
 */
public final class PayloadParts {

  private PayloadParts() {}

  /** One parameter's section of the source payload. */
  private record Section(int nameAt, int nameLength, int rows, int cols, int n, int indexAt, int valueAt) {
    int rowBytes() {
      return 4 + 4 * cols;
    }
  }

  /** Rows {@code [from, from + count)} of the listed rows of section {@code section}. */
  private record Segment(int section, int from, int count) {}

  /**
   * The parts of {@code payload}, each holding at most {@code maxRowBytes} of rows (indices and values) plus the
   * parameter headers; a single row larger than that is a part of its own. A payload without rows (a DELTA where
   * nothing changed) gives one part without rows.
   *
   * @throws IllegalArgumentException if the payload is malformed
   */
  public static List<byte[]> split(byte[] payload, int maxRowBytes) {
    if (maxRowBytes < 1) {
      throw new IllegalArgumentException("maxRowBytes must be >= 1, got " + maxRowBytes);
    }
    int kind = PayloadFormat.readKind(payload);
    List<Section> sections = sections(payload, kind);
    List<List<Segment>> parts = new ArrayList<>();
    List<Segment> current = new ArrayList<>();
    long used = 0;
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      int j = 0;
      while (j < sec.n()) {
        int take = (int) Math.min(sec.n() - j, Math.max(0, maxRowBytes - used) / sec.rowBytes());
        if (take == 0 && !current.isEmpty()) {
          parts.add(current);
          current = new ArrayList<>();
          used = 0;
          continue;
        }
        take = Math.max(take, 1);
        current.add(new Segment(s, j, take));
        used += (long) take * sec.rowBytes();
        j += take;
      }
    }
    if (!current.isEmpty() || parts.isEmpty()) {
      parts.add(current);
    }
    List<byte[]> out = new ArrayList<>(parts.size());
    for (List<Segment> part : parts) {
      out.add(write(payload, sections, part));
    }
    return out;
  }

  private static List<Section> sections(byte[] p, int kind) {
    int count = LittleEndian.getInt(p, 8);
    if (count < 0) {
      throw new IllegalArgumentException("snapshot payload declares " + count + " parameters");
    }
    List<Section> sections = new ArrayList<>(count);
    int pos = HEADER_BYTES;
    for (int i = 0; i < count; i++) {
      need(p, pos, 2, i);
      int nameLength = LittleEndian.getUnsignedShort(p, pos);
      int nameAt = pos + 2;
      need(p, nameAt, nameLength + 8L, i);
      int rows = LittleEndian.getInt(p, nameAt + nameLength);
      int cols = LittleEndian.getInt(p, nameAt + nameLength + 4);
      pos = nameAt + nameLength + 8;
      if (rows < 0 || cols < 0) {
        throw new IllegalArgumentException("snapshot payload: parameter #" + i + " has shape [" + rows + ", " + cols
            + "]");
      }
      int n = rows;
      int indexAt = -1;
      if (kind == KIND_DELTA) {
        need(p, pos, 4, i);
        n = LittleEndian.getInt(p, pos);
        pos += 4;
        if (n < 0 || n > rows) {
          throw new IllegalArgumentException("snapshot payload: parameter #" + i + " lists " + n + " of " + rows
              + " rows");
        }
        if (n != rows) {
          indexAt = pos;
          pos += 4 * n;
        }
      }
      long valueBytes = 4L * n * cols;
      need(p, pos, valueBytes, i);
      sections.add(new Section(nameAt, nameLength, rows, cols, n, indexAt, pos));
      pos += (int) valueBytes;
    }
    if (pos != p.length) {
      throw new IllegalArgumentException("snapshot payload has " + (p.length - pos) + " unexpected byte(s) after its "
          + count + " parameters");
    }
    return sections;
  }

  private static byte[] write(byte[] src, List<Section> sections, List<Segment> segments) {
    Segment[] bySection = new Segment[sections.size()];
    for (Segment g : segments) {
      bySection[g.section()] = g;
    }
    long size = HEADER_BYTES;
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      int take = bySection[s] == null ? 0 : bySection[s].count();
      size += 2L + sec.nameLength() + 8 + 4 + (take == sec.rows() ? 0 : 4L * take) + 4L * take * sec.cols();
    }
    byte[] out = PayloadFormat.allocate(size);
    int pos = PayloadFormat.writeHeader(out, KIND_DELTA, sections.size());
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      LittleEndian.putUnsignedShort(out, pos, sec.nameLength());
      System.arraycopy(src, sec.nameAt(), out, pos + 2, sec.nameLength());
      pos += 2 + sec.nameLength();
      LittleEndian.putInt(out, pos, sec.rows());
      LittleEndian.putInt(out, pos + 4, sec.cols());
      pos += 8;
      Segment g = bySection[s];
      int take = g == null ? 0 : g.count();
      LittleEndian.putInt(out, pos, take);
      pos += 4;
      if (take == 0) {
        continue;
      }
      if (take != sec.rows()) {
        if (sec.indexAt() >= 0) {
          System.arraycopy(src, sec.indexAt() + 4 * g.from(), out, pos, 4 * take);
        } else {
          for (int j = 0; j < take; j++) {
            LittleEndian.putInt(out, pos + 4 * j, g.from() + j);
          }
        }
        pos += 4 * take;
      }
      int rowValueBytes = 4 * sec.cols();
      System.arraycopy(src, sec.valueAt() + g.from() * rowValueBytes, out, pos, take * rowValueBytes);
      pos += take * rowValueBytes;
    }
    return out;
  }

  private static void need(byte[] p, int pos, long bytes, int parameter) {
    if (pos + bytes > p.length) {
      throw new IllegalArgumentException("snapshot payload is truncated in parameter #" + parameter + ": " + bytes
          + " byte(s) needed at offset " + pos + ", the payload ends at " + p.length);
    }
  }
}
