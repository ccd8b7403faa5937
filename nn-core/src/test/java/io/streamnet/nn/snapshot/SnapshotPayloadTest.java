package io.streamnet.nn.snapshot;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static io.streamnet.nn.testing.ParameterAssertions.differingValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.testing.SmallTextModel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnapshotPayloadTest {

  @Test
  void fullPayloadRestoresEveryBitOntoAnotherNetwork() {
    Network live = SmallTextModel.build();
    new SmallTextModel(1).train(live, 3, 16);
    float[] out = live.parameter("out.weight").value();
    out[0] = Float.intBitsToFloat(0x7fc0_1234); // a NaN with a payload
    out[1] = -0.0f;
    Network scorer = Network.withoutInitialization(SmallTextModel.spec(), false);
    assertTrue(differingValues(live, scorer) > 0, "the scorer starts out different");

    byte[] payload = SnapshotPayload.full(live);
    assertEquals(SnapshotPayload.Kind.FULL, SnapshotPayload.kind(payload));
    SnapshotPayload.apply(payload, scorer);

    assertBitIdentical(live, scorer, "after the full payload");
    long expected = PayloadFormat.HEADER_BYTES;
    for (Parameter p : live.parameters()) {
      expected += 2 + p.name().getBytes(StandardCharsets.UTF_8).length + 8 + 4L * p.size();
    }
    assertEquals(expected, payload.length, "header + per parameter (name, shape, values)");
  }

  @Test
  void theSameNetworkGivesTheSameBytes() {
    Network a = SmallTextModel.build();
    Network b = SmallTextModel.build();
    new SmallTextModel(5).train(a, 2, 8);
    new SmallTextModel(5).train(b, 2, 8);
    assertArrayEquals(SnapshotPayload.full(a), SnapshotPayload.full(b));
  }

  @Test
  void aShapeMismatchNamesTheParameterAndBothShapesAndChangesNothing() {
    Network live = SmallTextModel.build();
    byte[] payload = SnapshotPayload.full(live);
    // Same embedding, narrower hidden layer: the first parameter fits, a later one does not.
    NetworkSpec narrower = NetworkSpec.fromYaml(SmallTextModel.SPEC_YAML.replace("units: 8", "units: 4"));
    Network other = Network.withoutInitialization(narrower, false);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SnapshotPayload.apply(payload, other));

    assertTrue(e.getMessage().contains("'hidden.weight'"), e.getMessage());
    Parameter theirs = other.parameter("hidden.weight");
    Parameter ours = live.parameter("hidden.weight");
    assertTrue(e.getMessage().contains(theirs.shapeString()) && e.getMessage().contains(ours.shapeString()),
        "both shapes " + ours.shapeString() + " and " + theirs.shapeString() + " in: " + e.getMessage());
    float[] table = other.parameter("emb.table").value();
    for (float v : table) {
      assertEquals(0f, v, "the embedding, which did fit, was not written before the mismatch was found");
    }
  }

  @Test
  void aDifferentParameterCountIsRefused() {
    NetworkSpec deeper = NetworkSpec.fromYaml(SmallTextModel.SPEC_YAML.replace(
        "  - {type: dense, name: out, units: 1}",
        "  - {type: dense, name: extra, units: 8, activation: relu}\n  - {type: dense, name: out, units: 1}"));
    byte[] payload = SnapshotPayload.full(SmallTextModel.build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SnapshotPayload.apply(payload, Network.forScoring(deeper)));
    assertTrue(e.getMessage().contains("holds 5 parameters, the network has 7"), e.getMessage());
  }

  @Test
  void malformedPayloadsAreRefusedClearly() {
    Network net = SmallTextModel.build();
    byte[] full = SnapshotPayload.full(net);

    byte[] truncated = Arrays.copyOf(full, full.length - 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SnapshotPayload.apply(truncated, net));
    assertTrue(e.getMessage().contains("truncated in parameter 'out.bias'"), e.getMessage());

    byte[] longer = Arrays.copyOf(full, full.length + 3);
    e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.apply(longer, net));
    assertTrue(e.getMessage().contains("3 unexpected byte(s)"), e.getMessage());

    byte[] notOurs = "{\"weights\": []}".getBytes(StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.kind(notOurs));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());

    byte[] future = full.clone();
    future[4] = 9;
    e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.apply(future, net));
    assertTrue(e.getMessage().contains("format version 9"), e.getMessage());

    assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.kind(new byte[5]));
  }

  @Test
  void deltaRowIndicesAreChecked() {
    Network live = SmallTextModel.build();
    DeltaTracker tracker = new DeltaTracker(live);
    tracker.full();
    float[] table = live.parameter("emb.table").value();
    int at = live.parameter("emb.table").offset();
    int cols = live.parameter("emb.table").cols();
    table[at + 5 * cols] += 1f;
    table[at + 9 * cols] += 1f;
    byte[] delta = tracker.delta();
    assertEquals(SnapshotPayload.Kind.DELTA, SnapshotPayload.kind(delta));
    // emb.table is the first parameter: header, name, rows, cols, n, then the row indices.
    int indices = PayloadFormat.HEADER_BYTES + 2 + "emb.table".length() + 8 + 4;
    assertEquals("emb.table", live.parameters().get(0).name());
    assertEquals(5, LittleEndian.getInt(delta, indices));
    assertEquals(9, LittleEndian.getInt(delta, indices + 4));

    byte[] outside = delta.clone();
    LittleEndian.putInt(outside, indices + 4, SmallTextModel.BUCKETS);
    Network scorer = Network.forScoring(SmallTextModel.spec());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SnapshotPayload.apply(outside, scorer));
    assertTrue(e.getMessage().contains("row 4096") && e.getMessage().contains("outside [0, 4096)"), e.getMessage());

    byte[] unordered = delta.clone();
    LittleEndian.putInt(unordered, indices + 4, 5);
    e = assertThrows(IllegalArgumentException.class, () -> SnapshotPayload.apply(unordered, scorer));
    assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
  }

  @Test
  void applyingADeltaDoesNotAllocatePerRow() {
    Network live = SmallTextModel.build();
    DeltaTracker tracker = new DeltaTracker(live);
    Network scorer = Network.forScoring(SmallTextModel.spec());
    SnapshotPayload.apply(tracker.full(), scorer);
    float[] table = live.parameter("emb.table").value();
    for (int k = live.parameter("emb.table").offset(); k < table.length; k += 2 * 16) {
      table[k] += 0.5f; // every other row
    }
    byte[] delta = tracker.delta();
    int rows = tracker.lastDeltaRows();
    assertTrue(rows > 2000, "a delta of many rows: " + rows);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 300; i++) { // let the JIT compile the copy loops
      SnapshotPayload.apply(delta, scorer);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    int applies = 20;
    for (int i = 0; i < applies; i++) {
      SnapshotPayload.apply(delta, scorer);
    }
    long perApply = (threads.getCurrentThreadAllocatedBytes() - before) / applies;
    assertTrue(perApply < 1024, perApply + " bytes allocated per apply of a " + rows + "-row delta");
    assertBitIdentical(live, scorer, "after the delta");
  }

  @Test
  void sha256HexIsLowerCaseHexOfTheDigest() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        SnapshotPayload.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(64, SnapshotPayload.sha256Hex(new byte[0]).length());
  }
}
