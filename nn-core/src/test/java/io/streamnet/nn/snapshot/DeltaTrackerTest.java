package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static io.streamnet.nn.testing.ParameterAssertions.differingValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.testing.SmallTextModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaTrackerTest {

  @Test
  void aScorerFollowingFullThenDeltasHasTheLiveWeightsAfterEachOne() {
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(11);
    stream.train(live, 3, 32);
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);

    byte[] full = tracker.full();
    SnapshotPayload.apply(full, scorer);
    assertBitIdentical(live, scorer, "after the full payload");

    long tableRows = live.parameter("emb.table").rows();
    int previousRows = 0;
    for (int round = 1; round <= 6; round++) {
      stream.train(live, 4, 32);
      assertTrue(differingValues(live, scorer) > 0, "training changed the live weights in round " + round);
      byte[] delta = tracker.delta();
      assertEquals(SnapshotPayload.Kind.DELTA, SnapshotPayload.kind(delta));
      assertTrue(tracker.lastDeltaRows() >= previousRows, "deltas are cumulative: round " + round + " has "
          + tracker.lastDeltaRows() + " rows, the one before " + previousRows);
      previousRows = tracker.lastDeltaRows();
      SnapshotPayload.apply(delta, scorer);
      assertBitIdentical(live, scorer, "after delta " + round);
    }
    // Sparse updates: a few hundred sentences touch a fraction of the 4096 hashed n-gram rows.
    assertTrue(previousRows < tableRows / 2, previousRows + " rows in the last delta");
  }

  @Test
  void aScorerThatMissedDeltasCatchesUpWithTheNewestOne() {
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(12);
    DeltaTracker tracker = new DeltaTracker(live);
    byte[] full = tracker.full();
    List<byte[]> deltas = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      stream.train(live, 3, 16);
      deltas.add(tracker.delta());
    }
    Network lateJoiner = Network.withoutInitialization(SmallTextModel.spec(), false);
    SnapshotPayload.apply(full, lateJoiner);
    SnapshotPayload.apply(deltas.get(3), lateJoiner);
    assertBitIdentical(live, lateJoiner, "full + last delta only");

    Network skipper = Network.withoutInitialization(SmallTextModel.spec(), false);
    SnapshotPayload.apply(full, skipper);
    SnapshotPayload.apply(deltas.get(0), skipper);
    SnapshotPayload.apply(deltas.get(2), skipper);
    SnapshotPayload.apply(deltas.get(3), skipper);
    assertBitIdentical(live, skipper, "full + deltas 1, 3, 4");
  }

  @Test
  void aRowThatReturnsToItsBaseValueIsStillSent() {
    Network live = SmallTextModel.build();
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = Network.forScoring(SmallTextModel.spec());
    SnapshotPayload.apply(tracker.full(), scorer);
    Parameter table = live.parameter("emb.table");
    int row = 1234;
    int at = table.offset() + row * table.cols();
    float[] original = java.util.Arrays.copyOfRange(table.value(), at, at + table.cols());

    table.value()[at + 3] += 0.25f;
    SnapshotPayload.apply(tracker.delta(), scorer);
    assertEquals(1, tracker.lastDeltaRows());
    assertBitIdentical(live, scorer, "after the change");

    System.arraycopy(original, 0, table.value(), at, original.length);
    byte[] restoring = tracker.delta();
    assertEquals(1, tracker.lastDeltaRows(), "the restored row is still in the delta");
    SnapshotPayload.apply(restoring, scorer);
    assertBitIdentical(live, scorer, "after the row went back to its base value");
  }

  @Test
  void aNewFullPayloadResetsTheRowsCarried() {
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(13);
    DeltaTracker tracker = new DeltaTracker(live);
    tracker.full();
    stream.train(live, 2, 16);
    tracker.delta();
    assertTrue(tracker.lastDeltaRows() > 0);

    Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);
    SnapshotPayload.apply(tracker.full(), scorer);
    byte[] empty = tracker.delta();
    assertEquals(0, tracker.lastDeltaRows(), "nothing changed since the new full payload");
    SnapshotPayload.apply(empty, scorer);
    assertBitIdentical(live, scorer, "after an empty delta");
    int parameters = live.parameters().size();
    long headers = 0;
    for (Parameter p : live.parameters()) {
      headers += 2 + p.name().length() + 8 + 4;
    }
    assertEquals(PayloadFormat.HEADER_BYTES + headers, empty.length, "an empty delta of " + parameters
        + " parameters is headers only");
  }

  @Test
  void comparesBitsSoSignedZerosAndNaNPayloadsAreChanges() {
    Network live = SmallTextModel.build();
    float[] bias = live.parameter("hidden.bias").value();
    float[] table = live.parameter("emb.table").value();
    int cols = live.parameter("emb.table").cols();
    int row7 = live.parameter("emb.table").offset() + 7 * cols;
    bias[0] = 0.0f;
    table[row7] = Float.intBitsToFloat(0x7fc0_0001); // the base holds a NaN: bit-by-bit comparison
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);
    SnapshotPayload.apply(tracker.full(), scorer);

    bias[0] = -0.0f;
    table[row7] = Float.intBitsToFloat(0x7fc0_0002);
    byte[] delta = tracker.delta();
    assertEquals(2, tracker.lastDeltaRows(), "-0.0 vs 0.0 and one NaN vs another are both changes");
    SnapshotPayload.apply(delta, scorer);
    assertBitIdentical(live, scorer, "after signed-zero and NaN-payload changes");

    float[] outWeight = live.parameter("out.weight").value();
    outWeight[2] = Float.NaN; // the base has no NaN here: the vectorized comparison must still see it
    tracker.delta();
    assertEquals(3, tracker.lastDeltaRows());
  }

  @Test
  void deltaNeedsAFullFirst() {
    DeltaTracker tracker = new DeltaTracker(SmallTextModel.build());
    assertFalse(tracker.hasBase());
    IllegalStateException e = assertThrows(IllegalStateException.class, tracker::delta);
    assertTrue(e.getMessage().contains("full()"), e.getMessage());
    tracker.full();
    assertTrue(tracker.hasBase());
  }

  @Test
  void aScoringCopyFollowsTheTrainerAcrossSeveralFullCycles() {
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(14);
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = live.scoringCopy();
    for (int cycle = 0; cycle < 3; cycle++) {
      stream.train(live, 2, 16);
      SnapshotPayload.apply(tracker.full(), scorer);
      assertBitIdentical(live, scorer, "cycle " + cycle + " full");
      for (int d = 0; d < 3; d++) {
        stream.train(live, 2, 16);
        SnapshotPayload.apply(tracker.delta(), scorer);
        assertBitIdentical(live, scorer, "cycle " + cycle + " delta " + d);
      }
    }
  }
}
