package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.IdTablePayloadTest.ArrayIdTable;
import io.streamnet.nn.snapshot.IdTablePayloadTest.WithIds;
import io.streamnet.nn.testing.GoldenFiles;
import io.streamnet.nn.testing.GoldenModel;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of the snapshot payload format "SNPL" version 2, which adds id tables after the parameters
 * ({@link PayloadFormat}), in {@code golden/} beside this class: {@code snapshot-payload-v2-full.bin} ({@link
 * GoldenModel#build()} with an item table of {@value #ROWS} rows, some holding ids, one negative, one
 * {@code Long.MAX_VALUE}), {@code snapshot-payload-v2-delta.bin} (against it, after {@link GoldenModel#changeForDelta}
 * and three rows of the table changed, one of them freed) and {@code snapshot-payload-v2-delta-part-*.bin} (that delta
 * in parts of at most {@value #PART_ROW_BYTES} row bytes). Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them: recommendation snapshots and
 * scorer checkpoints hold these bytes. A new format version gets new files beside these, which must keep being read.
 */
class IdTablePayloadGoldenTest {
  static final int ROWS = 12;
  static final String FULL = "snapshot-payload-v2-full.bin";
  static final String DELTA = "snapshot-payload-v2-delta.bin";
  static final int PART_ROW_BYTES = 40;
  static final int PARTS = 3;

  static String part(int i) {
    return "snapshot-payload-v2-delta-part-" + i + ".bin";
  }

  /** The golden model and its table as the full payload holds them. */
  static WithIds base() {
    WithIds m = new WithIds(GoldenModel.build(), new ArrayIdTable("items", ROWS));
    m.items().assign(1, 7);
    m.items().assign(2, -3);
    m.items().assign(5, Long.MAX_VALUE);
    m.items().assign(11, 1_000_000_007L);
    return m;
  }

  /** What the delta moves it to. */
  static WithIds changed() {
    WithIds m = base();
    GoldenModel.changeForDelta(m.network());
    m.items().assign(2, IdTable.NO_ID);
    m.items().assign(3, 42);
    m.items().assign(11, 8);
    return m;
  }

  static WithIds scorer() {
    return new WithIds(Network.withoutInitialization(GoldenModel.spec(), false), new ArrayIdTable("items", ROWS));
  }

  @Test
  void theFullPayloadHoldsEveryValueAndEveryRowsId() throws IOException {
    byte[] full = GoldenFiles.read(getClass(), FULL);
    assertEquals(2, full[4], "format version 2");
    assertEquals(1, full[6], "one id table");
    WithIds scorer = scorer();
    SnapshotPayload.apply(full, scorer);
    WithIds expected = base();
    assertBitIdentical(expected.network(), scorer.network(), "after the full payload");
    assertArrayEquals(expected.items().ids, scorer.items().ids);
  }

  @Test
  void theDeltaAndItsPartsGiveTheChangedModel() throws IOException {
    WithIds expected = changed();
    WithIds whole = scorer();
    SnapshotPayload.apply(GoldenFiles.read(getClass(), FULL), whole);
    SnapshotPayload.apply(GoldenFiles.read(getClass(), DELTA), whole);
    assertBitIdentical(expected.network(), whole.network(), "after the delta");
    assertArrayEquals(expected.items().ids, whole.items().ids);
    WithIds inParts = scorer();
    SnapshotPayload.apply(GoldenFiles.read(getClass(), FULL), inParts);
    for (int i = 0; i < PARTS; i++) {
      SnapshotPayload.apply(GoldenFiles.read(getClass(), part(i)), inParts);
    }
    assertArrayEquals(expected.items().ids, inParts.items().ids);
    assertBitIdentical(expected.network(), inParts.network(), "after the parts");
  }

  @Test
  void todaysWritersGiveTheGoldenBytes() throws IOException {
    WithIds live = base();
    DeltaTracker tracker = new DeltaTracker(live);
    assertArrayEquals(GoldenFiles.read(getClass(), FULL), tracker.full());
    GoldenModel.changeForDelta(live.network());
    live.items().assign(2, IdTable.NO_ID);
    live.items().assign(3, 42);
    live.items().assign(11, 8);
    byte[] delta = tracker.delta();
    assertArrayEquals(GoldenFiles.read(getClass(), DELTA), delta);
    GoldenParts.assertSplitAsGolden(getClass(), delta, PART_ROW_BYTES, PARTS, i -> part(i));
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    WithIds live = base();
    DeltaTracker tracker = new DeltaTracker(live);
    GoldenFiles.writeOnce(getClass(), FULL, tracker.full());
    GoldenModel.changeForDelta(live.network());
    live.items().assign(2, IdTable.NO_ID);
    live.items().assign(3, 42);
    live.items().assign(11, 8);
    byte[] delta = tracker.delta();
    GoldenFiles.writeOnce(getClass(), DELTA, delta);
    List<byte[]> parts = PayloadParts.split(delta, PART_ROW_BYTES);
    for (int i = 0; i < parts.size(); i++) {
      GoldenFiles.writeOnce(getClass(), part(i), parts.get(i));
    }
  }
}
