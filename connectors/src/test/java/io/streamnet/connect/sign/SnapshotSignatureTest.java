package io.streamnet.connect.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.sign.SnapshotSignature.Verdict;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SnapshotSignatureTest {
  static final SigningKey OLD = new SigningKey("2026-11", bytes(1));
  static final SigningKey NEW = new SigningKey("2026-12", bytes(2));

  static byte[] bytes(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return b;
  }

  static ModelSnapshot snapshot() {
    return ModelSnapshot.newBuilder().setModelId("sentiment").setEpoch(3).setVersion(42)
        .setCreatedAt(Instant.ofEpochMilli(1_765_000_000_000L)).setCheckpointId(null)
        .setNetworkSpec("{\"layers\":[]}").setKind(SnapshotKind.DELTA).setBaseEpoch(3L).setBaseVersion(40L)
        .setParameters(ByteBuffer.wrap(new byte[] {1, 2, 3})).setMetrics(Map.of("loss", 0.5))
        .setSha256("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81").setSignature(null)
        .setTask("sentiment").setTaskSpec("{\"type\":\"text_hashing\"}").build();
  }

  @Test
  void aSignedSnapshotVerifiesWithItsKeyAndBothKeysAreAcceptedDuringARotation() {
    ModelSnapshot byOld = SnapshotSignature.sign(snapshot(), OLD);
    ModelSnapshot byNew = SnapshotSignature.sign(snapshot(), NEW);
    Map<String, SigningKey> rotation = Map.of(OLD.id(), OLD, NEW.id(), NEW);
    assertEquals(Verdict.VALID, SnapshotSignature.verify(byOld, rotation));
    assertEquals(Verdict.VALID, SnapshotSignature.verify(byNew, rotation));
    assertEquals("2026-11", SnapshotSignature.keyId(byOld));
    assertEquals(Verdict.UNKNOWN_KEY, SnapshotSignature.verify(byOld, Map.of(NEW.id(), NEW)), "old key retired");
    assertEquals(Verdict.UNSIGNED, SnapshotSignature.verify(snapshot(), rotation));
  }

  @Test
  void changingAnythingThatMakesTheModelWhatItIsBreaksTheSignature() {
    Map<String, SigningKey> keys = Map.of(NEW.id(), NEW);
    ModelSnapshot signed = SnapshotSignature.sign(snapshot(), NEW);
    Map<String, Consumer<ModelSnapshot>> tampers = Map.of(
        "version", s -> s.setVersion(43),
        "epoch", s -> s.setEpoch(4),
        "model id", s -> s.setModelId("other"),
        "kind", s -> s.setKind(SnapshotKind.FULL),
        "base", s -> s.setBaseVersion(39L),
        "sha256", s -> s.setSha256("f" + s.getSha256().substring(1)),
        "network spec", s -> s.setNetworkSpec("{\"layers\":[1]}"),
        "task spec", s -> s.setTaskSpec("{}"),
        "task", s -> s.setTask("recommendation"),
        "created at", s -> s.setCreatedAt(s.getCreatedAt().plusMillis(1)));
    tampers.forEach((what, change) -> {
      ModelSnapshot t = ModelSnapshot.newBuilder(signed).build();
      change.accept(t);
      assertEquals(Verdict.MISMATCH, SnapshotSignature.verify(t, keys), "tampered " + what);
    });
    ModelSnapshot otherSecret = SnapshotSignature.sign(snapshot(), new SigningKey(NEW.id(), bytes(9)));
    assertEquals(Verdict.MISMATCH, SnapshotSignature.verify(otherSecret, keys), "same id, another secret");
    ModelSnapshot metrics = ModelSnapshot.newBuilder(signed).setMetrics(Map.of("loss", 9.0)).build();
    assertEquals(Verdict.VALID, SnapshotSignature.verify(metrics, keys), "metrics are not signed");
  }

  @Test
  void bytesThatAreNotASignatureAreMalformed() {
    Map<String, SigningKey> keys = Map.of(NEW.id(), NEW);
    byte[] good = SnapshotSignature.signature(snapshot(), NEW);
    for (byte[] bad : new byte[][] {new byte[0], "SNSG".getBytes(StandardCharsets.US_ASCII),
        Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1)}) {
      ModelSnapshot s = ModelSnapshot.newBuilder(snapshot()).setSignature(ByteBuffer.wrap(bad)).build();
      assertEquals(Verdict.MALFORMED, SnapshotSignature.verify(s, keys), Arrays.toString(bad));
    }
    byte[] v2 = good.clone();
    v2[4] = 2;
    assertEquals(Verdict.MALFORMED, SnapshotSignature.verify(
        ModelSnapshot.newBuilder(snapshot()).setSignature(ByteBuffer.wrap(v2)).build(), keys));
  }

  /** Format SNSG v1 as released: today's code produces and accepts the committed bytes. */
  @Test
  void theReleasedSignatureFormatV1StillVerifies() throws IOException {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("signature-v1.bin")) {
      golden = in.readAllBytes();
    }
    assertArrayEquals(golden, SnapshotSignature.signature(snapshot(), NEW));
    ModelSnapshot s = ModelSnapshot.newBuilder(snapshot()).setSignature(ByteBuffer.wrap(golden)).build();
    assertEquals(Verdict.VALID, SnapshotSignature.verify(s, Map.of(NEW.id(), NEW)));
  }

  @Test
  void keysComeFromTheEnvironmentAFileOrInlineNeverPrinted() {
    String b64 = java.util.Base64.getEncoder().encodeToString(bytes(2));
    assertEquals(NEW, SigningKey.of("2026-12", "env:K", name -> name.equals("K") ? b64 : null));
    assertEquals(NEW, SigningKey.of("2026-12", "base64:" + b64));
    assertFalse(NEW.toString().contains(b64.substring(0, 6)));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SigningKey.of("k", "env:NOPE", n -> null))
        .getMessage().contains("NOPE is not set"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SigningKey.of("k", "base64:AAAA"))
        .getMessage().contains("at least 32"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SigningKey.of("k", b64))
        .getMessage().contains("expected env:NAME"));
  }
}
