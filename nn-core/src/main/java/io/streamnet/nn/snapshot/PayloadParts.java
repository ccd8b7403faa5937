package io.streamnet.nn.snapshot;

import static io.streamnet.nn.snapshot.PayloadFormat.HEADER_BYTES;
import static io.streamnet.nn.snapshot.PayloadFormat.KIND_DELTA;

import io.streamnet.nn.snapshot.PayloadSections.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a FULL or DELTA snapshot payload into DELTA payloads of a bounded size (the parts a scorer applies between
 * requests). Every row, of a parameter or an id table, of the source is in exactly one part, in the source's order,
 * so applying the parts in order onto a model has exactly the effect of applying the source: a FULL source becomes
 * parts listing every row. Bytes are copied as they are (both are little-endian), nothing is decoded.
 */
public final class PayloadParts {

  private PayloadParts() {}

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
    List<Section> sections = PayloadSections.parse(payload, PayloadFormat.readKind(payload));
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
      out.add(write(payload, sections, PayloadFormat.parameterCount(payload), part));
    }
    return out;
  }

  private static byte[] write(byte[] src, List<Section> sections, int parameters, List<Segment> segments) {
    Segment[] bySection = new Segment[sections.size()];
    for (Segment g : segments) {
      bySection[g.section()] = g;
    }
    long size = HEADER_BYTES;
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      int take = bySection[s] == null ? 0 : bySection[s].count();
      size += 2L + sec.nameLength() + (sec.ids() ? 4 : 8) + 4 + (take == sec.rows() ? 0 : 4L * take)
          + (long) take * sec.cols() * sec.valueBytes();
    }
    byte[] out = PayloadFormat.allocate(size);
    int pos = PayloadFormat.writeHeader(out, KIND_DELTA, parameters, sections.size() - parameters);
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      LittleEndian.putUnsignedShort(out, pos, sec.nameLength());
      System.arraycopy(src, sec.nameAt(), out, pos + 2, sec.nameLength());
      pos += 2 + sec.nameLength();
      LittleEndian.putInt(out, pos, sec.rows());
      pos += 4;
      if (!sec.ids()) {
        LittleEndian.putInt(out, pos, sec.cols());
        pos += 4;
      }
      Segment g = bySection[s];
      int take = g == null ? 0 : g.count();
      LittleEndian.putInt(out, pos, take);
      pos += 4;
      if (take == 0) {
        continue;
      }
      if (take != sec.rows()) {
        for (int j = 0; j < take; j++) {
          LittleEndian.putInt(out, pos + 4 * j, sec.row(src, g.from() + j));
        }
        pos += 4 * take;
      }
      int rowValueBytes = sec.valueBytes() * sec.cols();
      System.arraycopy(src, sec.valueAt() + g.from() * rowValueBytes, out, pos, take * rowValueBytes);
      pos += take * rowValueBytes;
    }
    return out;
  }
}
