package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.jobs.model.PublishedModel;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A job that signs its snapshots warm-starts only from a published model it signed. */
class WarmStartSignatureTest {
  static final SigningKey KEY = new SigningKey("k1", new byte[32]);

  static ModelSnapshot snapshot(long version, Long base) {
    return ModelSnapshot.newBuilder().setModelId("m").setEpoch(1).setVersion(version).setCreatedAt(Instant.EPOCH)
        .setNetworkSpec("{}").setKind(base == null ? SnapshotKind.FULL : SnapshotKind.DELTA)
        .setBaseEpoch(base == null ? null : 1L).setBaseVersion(base)
        .setParameters(ByteBuffer.wrap(new byte[] {1})).setSha256("ab").setTask("sentiment").build();
  }

  @Test
  void onlyAModelWhoseFullAndDeltaCarryTheKeysSignatureIsTaken() {
    ModelSnapshot full = SnapshotSignature.sign(snapshot(1, null), KEY);
    ModelSnapshot delta = SnapshotSignature.sign(snapshot(2, 1L), KEY);
    assertTrue(WarmStartModel.signedBy(new PublishedModel(full, delta), KEY));
    assertTrue(WarmStartModel.signedBy(new PublishedModel(full, null), KEY));
    assertFalse(WarmStartModel.signedBy(new PublishedModel(snapshot(1, null), null), KEY), "unsigned");
    assertFalse(WarmStartModel.signedBy(new PublishedModel(full, snapshot(2, 1L)), KEY), "an unsigned delta");
    ModelSnapshot tampered = ModelSnapshot.newBuilder(delta).setCreatedAt(Instant.ofEpochMilli(1)).build();
    assertFalse(WarmStartModel.signedBy(new PublishedModel(full, tampered), KEY), "a changed delta");
    assertFalse(WarmStartModel.signedBy(new PublishedModel(full, null), new SigningKey("k2", new byte[32])),
        "another key");
    assertTrue(WarmStartModel.signedBy(new PublishedModel(snapshot(1, null), null), null), "the job does not sign");
  }
}
