package io.streamnet.connect.validate;

import io.streamnet.nn.state.Sha256;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * modelId and networkSpec not blank, non-negative (epoch, version), base version present exactly for DELTA and older
 * than the snapshot, and a sha256 that matches the parameter bytes: a snapshot that fails here must never be loaded.
 */
public final class ModelSnapshotValidator implements Validator<ModelSnapshot> {

  @Override
  public List<String> violations(ModelSnapshot s) {
    Violations v = new Violations()
        .notBlank("modelId", s.getModelId())
        .nonNegative("epoch", s.getEpoch())
        .nonNegative("version", s.getVersion())
        .notBlank("networkSpec", s.getNetworkSpec());
    if (s.getKind() == SnapshotKind.DELTA) {
      boolean hasBase = s.getBaseEpoch() != null && s.getBaseVersion() != null;
      v.check(hasBase, "a DELTA snapshot needs baseEpoch and baseVersion");
      if (hasBase) {
        boolean older = s.getBaseEpoch() < s.getEpoch()
            || (s.getBaseEpoch() == s.getEpoch() && s.getBaseVersion() < s.getVersion());
        v.check(older, "base (" + s.getBaseEpoch() + ", " + s.getBaseVersion() + ") must be older than ("
            + s.getEpoch() + ", " + s.getVersion() + ")");
      }
    } else {
      v.check(s.getBaseEpoch() == null && s.getBaseVersion() == null, "a FULL snapshot must not name a base version");
    }
    String expected = sha256Hex(s.getParameters());
    v.check(expected.equals(s.getSha256()),
        "sha256 " + s.getSha256() + " does not match the parameters (" + expected + ")");
    return v.list();
  }

  /** Lower-case hex SHA-256 of the remaining bytes of {@code bytes} (its position is left unchanged). */
  public static String sha256Hex(ByteBuffer bytes) {
    return HexFormat.of().formatHex(Sha256.of(bytes));
  }
}
