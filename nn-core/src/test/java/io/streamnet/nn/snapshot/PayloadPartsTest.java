package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.testing.SmallTextModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadPartsTest {

  /** Applies each part onto {@code target}, checking every part is a DELTA payload. */
  static void applyAll(List<byte[]> parts, Network target) {
    for (byte[] part : parts) {
      assertEquals(SnapshotPayload.Kind.DELTA, SnapshotPayload.kind(part));
      SnapshotPayload.apply(part, target);
    }
  }

  @Test
  void aFullPayloadInPartsBuildsTheSameNetworkAndEachPartStaysWithinTheBound() {
    Network live = SmallTextModel.build();
    new SmallTextModel(1).train(live, 3, 32);
    byte[] full = SnapshotPayload.full(live);
    for (int max : new int[] {68, 1000, 4096, 64 * 1024, Integer.MAX_VALUE}) {
      List<byte[]> parts = PayloadParts.split(full, max);
      Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);
      applyAll(parts, scorer);
      assertBitIdentical(live, scorer, "full payload in parts of at most " + max + " bytes");
      int headers = 12 + live.parameters().stream().mapToInt(p -> 2 + p.name().length() + 8 + 4).sum();
      int largestRow = 4 + 4 * 16;
      for (byte[] p : parts) {
        assertTrue(p.length <= Math.max((long) max, largestRow) + headers, p.length + " bytes for a bound of " + max);
      }
      if (max == Integer.MAX_VALUE) {
        assertEquals(1, parts.size());
      }
      if (max == 4096) {
        assertTrue(parts.size() > full.length / 4096, parts.size() + " parts");
      }
    }
  }

  @Test
  void aDeltaInPartsHasTheDeltasEffectIncludingOnRowsItDoesNotList() {
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(2);
    stream.train(live, 2, 32);
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);
    applyAll(PayloadParts.split(tracker.full(), 2048), scorer);
    for (int round = 0; round < 3; round++) {
      stream.train(live, 3, 32);
      byte[] delta = tracker.delta();
      List<byte[]> parts = PayloadParts.split(delta, 2048);
      assertTrue(parts.size() > 1, "round " + round + ": " + parts.size() + " part(s) of " + delta.length + " bytes");
      applyAll(parts, scorer);
      assertBitIdentical(live, scorer, "after delta " + round + " in parts");
    }
  }

  @Test
  void aDeltaWithoutRowsIsOnePartWithoutRowsAndAnOversizedRowIsAPartOfItsOwn() {
    Network live = SmallTextModel.build();
    DeltaTracker tracker = new DeltaTracker(live);
    tracker.full();
    byte[] empty = tracker.delta();
    List<byte[]> parts = PayloadParts.split(empty, 1024);
    assertEquals(1, parts.size());
    assertArrayEquals(empty, parts.get(0), "an empty delta is its own only part");
    List<byte[]> rowEach = PayloadParts.split(SnapshotPayload.full(live), 1);
    long rows = live.parameters().stream().mapToLong(p -> p.rows()).sum();
    assertEquals(rows, rowEach.size(), "a bound below one row: a part per row");
  }

  @Test
  void malformedPayloadsAreRefusedWithTheReason() {
    byte[] full = SnapshotPayload.full(SmallTextModel.build());
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> PayloadParts.split(Arrays.copyOf(full, full.length - 3), 1024));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
        () -> PayloadParts.split(Arrays.copyOf(full, full.length + 2), 1024));
    assertTrue(trailing.getMessage().contains("unexpected byte"), trailing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PayloadParts.split(new byte[] {1, 2, 3}, 1024));
    assertThrows(IllegalArgumentException.class, () -> PayloadParts.split(full, 0));
  }
}
