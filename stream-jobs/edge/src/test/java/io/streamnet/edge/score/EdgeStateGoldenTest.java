package io.streamnet.edge.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.edge.EdgeFixtures;
import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.schema.Interaction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The edge scorer's persisted state (its stores' changelog topics) as released: today's code reads the committed
 * bytes, and writes the same bytes for the same state.
 */
class EdgeStateGoldenTest {
  static final byte[] WIRE_A = {0, 0, 0, 0, 7, 1, 2, 3};
  static final byte[] WIRE_B = {0, 0, 0, 0, 7, 4, 5};
  static final Interaction FIRST = new Interaction(3L, 101L, 5f, null, Instant.ofEpochMilli(1_000));
  static final Interaction SECOND = new Interaction(3L, 103L, 2f, null, Instant.ofEpochMilli(2_000));

  static byte[] golden(String name) throws IOException {
    try (InputStream in = EdgeStateGoldenTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  static PendingInputs.Pending pending() {
    return new PendingInputs.Pending(42L, EdgeInput.request(WIRE_A, null), 1_765_000_000_000L);
  }

  static UserHistory history() {
    RecommendationTask task = EdgeFixtures.recommendation();
    UserHistory h = task.emptyContext();
    task.update(h, FIRST);
    task.update(h, SECOND);
    return h;
  }

  @Test
  void aWaitingInputOfFormat1() throws IOException {
    byte[] g = golden("pending-input-v1.bin");
    PendingInputs.Pending p = PendingInputs.decode(g);
    assertEquals(42L, p.key());
    assertEquals(EdgeInput.Kind.REQUEST, p.input().kind());
    assertEquals(1_765_000_000_000L, p.receivedAtMillis());
    assertArrayEquals(WIRE_A, p.input().wire());
    assertArrayEquals(g, PendingInputs.encode(pending()));
  }

  @Test
  void aKeysEarlyEventsAndItsContextOfFormat1() throws IOException {
    byte[] early = golden("key-early-events-v1.bin");
    List<byte[]> events = KeyContexts.early(early);
    assertEquals(2, events.size());
    assertArrayEquals(WIRE_A, events.get(0));
    assertArrayEquals(WIRE_B, events.get(1));
    assertArrayEquals(early, KeyContexts.withEarly(KeyContexts.withEarly(null, WIRE_A), WIRE_B));
    // Replayed in order into a fresh context: the history of both interactions.
    Map<Integer, SpecificRecordBase> decoded = Map.of(WIRE_A.length, FIRST, WIRE_B.length, SECOND);
    assertEquals(history(), KeyContexts.read(EdgeFixtures.recommendation(), early, w -> decoded.get(w.length)));

    byte[] context = golden("key-context-v1.bin");
    assertEquals(history(), KeyContexts.read(EdgeFixtures.recommendation(), context, w -> null));
    assertArrayEquals(context, KeyContexts.contextValue(history().encode()));
  }
}
