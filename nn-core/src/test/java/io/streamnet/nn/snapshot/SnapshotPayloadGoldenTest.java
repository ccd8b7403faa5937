package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.testing.GoldenFiles;
import io.streamnet.nn.testing.GoldenModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of the snapshot payload format "SNPL" version 1 ({@link PayloadFormat}; written by
 * {@link SnapshotPayload#full}, {@link DeltaTracker} and {@link PayloadParts}), in {@code golden/} beside this class:
 * {@code snapshot-payload-v1-full.bin} (every value of {@link GoldenModel#build()}),
 * {@code snapshot-payload-v1-delta.bin} (against that full, after {@link GoldenModel#changeForDelta}: two table rows,
 * and {@code hidden.weight} whose every row changed, so its row indices are left out) and
 * {@code snapshot-payload-v1-delta-part-0..2.bin} (that delta cut by {@link PayloadParts#split} with at most
 * {@value #PART_ROW_BYTES} row bytes per part, as the trainer sends versions to the scorer and the scorer keeps them in
 * its broadcast state). Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them: they are what published snapshots
 * and scorer checkpoints hold. A new format version gets new files beside these, which must keep being read.
 */
class SnapshotPayloadGoldenTest {

  static final String FULL = "snapshot-payload-v1-full.bin";
  static final String DELTA = "snapshot-payload-v1-delta.bin";
  static final int PART_ROW_BYTES = 32;
  static final int PARTS = 3;
  /** Where a payload wrote nothing, a target network keeps this bit pattern (a NaN no golden value has). */
  private static final int UNTOUCHED = 0x7fc0_beef;

  static String part(int i) {
    return "snapshot-payload-v1-delta-part-" + i + ".bin";
  }

  @Test
  void theFullPayloadHoldsEveryValue() throws IOException {
    byte[] full = GoldenFiles.read(getClass(), FULL);
    assertHeader(full, 0);
    assertEquals(SnapshotPayload.Kind.FULL, SnapshotPayload.kind(full));
    Network scorer = untouched();
    SnapshotPayload.apply(full, scorer);
    assertBitIdentical(GoldenModel.build(), scorer, "after the full payload");
    assertEquals(layoutBytes(full, false), full.length, "header, then per parameter: name, shape, all values");
  }

  @Test
  void theDeltaHoldsTheChangedRowsAndNoIndicesForAParameterWhoseEveryRowChanged() throws IOException {
    byte[] delta = GoldenFiles.read(getClass(), DELTA);
    assertHeader(delta, 1);
    assertEquals(SnapshotPayload.Kind.DELTA, SnapshotPayload.kind(delta));
    assertEquals(List.of("emb.table#1", "emb.table#5", "hidden.weight#0", "hidden.weight#1", "hidden.weight#2"),
        rowsIn(delta));
    assertEquals(layoutBytes(delta, true), delta.length, "hidden.weight's 3 of 3 rows come without indices");
    Network scorer = untouched();
    SnapshotPayload.apply(GoldenFiles.read(getClass(), FULL), scorer);
    SnapshotPayload.apply(delta, scorer);
    assertBitIdentical(changed(), scorer, "after the full and the delta");
  }

  @Test
  void thePartsHoldTheDeltasRowsInOrder() throws IOException {
    List<List<String>> expected = List.of(List.of("emb.table#1", "emb.table#5"),
        List.of("hidden.weight#0", "hidden.weight#1"), List.of("hidden.weight#2"));
    Network scorer = untouched();
    SnapshotPayload.apply(GoldenFiles.read(getClass(), FULL), scorer);
    for (int i = 0; i < PARTS; i++) {
      byte[] part = GoldenFiles.read(getClass(), part(i));
      assertEquals(SnapshotPayload.Kind.DELTA, SnapshotPayload.kind(part), part(i));
      assertEquals(expected.get(i), rowsIn(part), part(i));
      SnapshotPayload.apply(part, scorer);
    }
    assertBitIdentical(changed(), scorer, "after the full and the parts");
  }

  @Test
  void todaysWritersGiveTheGoldenBytes() throws IOException {
    // the format is canonical: the same values give the same bytes, so a changed writer fails here (a new version
    // moves this check to its own files; the reading tests of these stay)
    byte[] full = GoldenFiles.read(getClass(), FULL);
    byte[] delta = GoldenFiles.read(getClass(), DELTA);
    Network live = untouched();
    SnapshotPayload.apply(full, live);
    DeltaTracker tracker = new DeltaTracker(live);
    assertArrayEquals(full, tracker.full());
    SnapshotPayload.apply(delta, live);
    assertArrayEquals(delta, tracker.delta());
    GoldenParts.assertSplitAsGolden(getClass(), delta, PART_ROW_BYTES, PARTS, i -> part(i));
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    Network live = GoldenModel.build();
    DeltaTracker tracker = new DeltaTracker(live);
    GoldenFiles.writeOnce(getClass(), FULL, tracker.full());
    GoldenModel.changeForDelta(live);
    byte[] delta = tracker.delta();
    GoldenFiles.writeOnce(getClass(), DELTA, delta);
    List<byte[]> parts = PayloadParts.split(delta, PART_ROW_BYTES);
    assertEquals(PARTS, parts.size());
    for (int i = 0; i < PARTS; i++) {
      GoldenFiles.writeOnce(getClass(), part(i), parts.get(i));
    }
  }

  private static Network changed() {
    Network net = GoldenModel.build();
    GoldenModel.changeForDelta(net);
    return net;
  }

  /** A scoring network of the golden spec whose every value is {@link #UNTOUCHED}. */
  private static Network untouched() {
    Network net = Network.withoutInitialization(GoldenModel.spec(), false);
    for (Parameter p : net.parameters()) {
      Arrays.fill(p.value(), Float.intBitsToFloat(UNTOUCHED));
    }
    return net;
  }

  /** The rows ("name#row") a payload writes, found by applying it onto {@link #untouched()}. */
  private static List<String> rowsIn(byte[] payload) {
    Network net = untouched();
    SnapshotPayload.apply(payload, net);
    List<String> rows = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      for (int row = 0; row < p.rows(); row++) {
        for (int k = p.offset() + row * p.cols(); k < p.offset() + (row + 1) * p.cols(); k++) {
          if (Float.floatToRawIntBits(p.value()[k]) != UNTOUCHED) {
            rows.add(p.name() + "#" + row);
            break;
          }
        }
      }
    }
    return rows;
  }

  /** The header as {@link PayloadFormat}'s javadoc documents it, read without the payload code. */
  private static void assertHeader(byte[] payload, int kind) {
    ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("SNPL", new String(payload, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(1, payload[4], "format version");
    assertEquals(kind, payload[5], "kind");
    assertEquals(0, b.getShort(6));
    assertEquals(GoldenModel.NAMES.size(), b.getInt(8), "parameter count");
  }

  /** The size the documented layout gives the golden payloads (for a delta: the rows {@link #rowsIn} found). */
  private static long layoutBytes(byte[] payload, boolean delta) {
    List<String> rows = rowsIn(payload);
    long size = 12;
    for (Parameter p : GoldenModel.build().parameters()) {
      size += 2 + p.name().getBytes(StandardCharsets.UTF_8).length + 8;
      long n = delta ? rows.stream().filter(r -> r.startsWith(p.name() + "#")).count() : p.rows();
      size += (delta ? 4 + (n == p.rows() ? 0 : 4 * n) : 0) + 4 * n * p.cols();
    }
    return size;
  }
}
