package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.testing.SmallTextModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Id tables travel in payloads (format version 2) like parameters: FULL, cumulative DELTA, parts. */
class IdTablePayloadTest {

  /** A plain array of ids. */
  static final class ArrayIdTable implements IdTable {
    private final String name;
    final long[] ids;

    ArrayIdTable(String name, int rows) {
      this.name = name;
      this.ids = new long[rows];
      Arrays.fill(ids, NO_ID);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int rows() {
      return ids.length;
    }

    @Override
    public long idAt(int row) {
      return ids[row];
    }

    @Override
    public void assign(int row, long id) {
      ids[row] = id;
    }
  }

  /** A network with an item table beside it. */
  record WithIds(Network network, ArrayIdTable items) implements ModelContent {
    static WithIds fresh(boolean initialized) {
      return new WithIds(initialized ? SmallTextModel.build()
          : Network.withoutInitialization(SmallTextModel.spec(), false), new ArrayIdTable("items", 300));
    }

    @Override
    public List<Parameter> parameters() {
      return network.parameters();
    }

    @Override
    public List<IdTable> idTables() {
      return List.of(items);
    }
  }

  @Test
  void aFullPayloadCarriesEveryRowsIdAndIsFormatVersion2() {
    WithIds live = WithIds.fresh(true);
    for (int row = 1; row < 300; row += 3) {
      live.items().assign(row, 1_000_000_007L * row);
    }
    byte[] full = SnapshotPayload.full(live);
    assertEquals(2, full[4], "format version with id tables");
    assertEquals(1, SnapshotPayload.full(live.network())[4], "format version without id tables");
    WithIds scorer = WithIds.fresh(false);
    SnapshotPayload.apply(full, scorer);
    assertArrayEquals(live.items().ids, scorer.items().ids);
    assertBitIdentical(live.network(), scorer.network(), "full payload with ids");
  }

  @Test
  void deltasAndTheirPartsCarryTheChangedIdsCumulatively() {
    WithIds live = WithIds.fresh(true);
    DeltaTracker tracker = new DeltaTracker(live);
    WithIds scorer = WithIds.fresh(false);
    for (byte[] part : PayloadParts.split(tracker.full(), 512)) {
      SnapshotPayload.apply(part, scorer);
    }
    SmallTextModel stream = new SmallTextModel(3);
    for (int round = 1; round <= 3; round++) {
      live.items().assign(10 * round, 77L + round);
      live.items().assign(299, round);
      stream.train(live.network(), 1, 8);
      byte[] delta = tracker.delta();
      List<byte[]> parts = PayloadParts.split(delta, 512);
      assertTrue(parts.size() > 1, "a delta in several parts: " + parts.size());
      for (byte[] part : parts) {
        SnapshotPayload.apply(part, scorer);
      }
      assertArrayEquals(live.items().ids, scorer.items().ids, "ids after delta " + round);
      assertBitIdentical(live.network(), scorer.network(), "values after delta " + round);
    }
    // cumulative: a scorer that applies only the full and the last delta has the same ids
    WithIds late = WithIds.fresh(false);
    live.items().assign(10, IdTable.NO_ID); // a freed row goes back to its base value and must still be carried
    byte[] last = tracker.delta();
    WithIds base = WithIds.fresh(true);
    SnapshotPayload.apply(SnapshotPayload.full(base), late);
    SnapshotPayload.apply(last, late);
    assertArrayEquals(live.items().ids, late.items().ids);
  }

  @Test
  void aTableThatDoesNotFitIsRefusedByNameBeforeAnythingIsWritten() {
    WithIds live = WithIds.fresh(true);
    live.items().assign(5, 42);
    byte[] full = SnapshotPayload.full(live);
    record Other(Network network, ArrayIdTable users) implements ModelContent {
      @Override
      public List<Parameter> parameters() {
        return network.parameters();
      }

      @Override
      public List<IdTable> idTables() {
        return List.of(users);
      }
    }
    Other other = new Other(Network.withoutInitialization(SmallTextModel.spec(), false), new ArrayIdTable("users", 300));
    Parameter first = other.network().parameters().get(0);
    float before = first.value()[first.offset()];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.apply(full, other));
    assertTrue(e.getMessage().contains("id table 'items'") && e.getMessage().contains("'users'"), e.getMessage());
    assertEquals(before, first.value()[first.offset()], "nothing written");
    e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.apply(full, live.network()));
    assertTrue(e.getMessage().contains("1 id tables, the model has 0"), e.getMessage());
  }

  @Test
  void aVersion1HeaderAnnouncingIdTablesIsRefused() {
    WithIds live = WithIds.fresh(true);
    byte[] full = SnapshotPayload.full(live);
    full[4] = 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.kind(full));
    assertTrue(e.getMessage().contains("version 1 has none"), e.getMessage());
  }
}
