package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.connect.sign.SigningKey;
import java.io.Serializable;

/**
 * The {@code snapshots} section: how often the trainer publishes the model, and where checkpoint-aligned model
 * files go.
 *
 * @param everySteps publish a snapshot every this many training steps ...
 * @param everyMs    ... or every this many milliseconds, whichever comes first
 * @param minIntervalMs but never two snapshots closer than this (0: no limit)
 * @param fullEvery  every k-th published snapshot is FULL, the others DELTA against the last full one (1: all full)
 * @param directory  a Flink file system URI for the model files written on each completed checkpoint, or null
 * @param retain     model files kept in {@code directory}
 * @param signingKeyId the key that signs the snapshots on the topic (HMAC-SHA256); null: not signed
 * @param signingKey   where its secret is: {@code env:NAME}, {@code file:PATH} or {@code base64:...}
 */
public record Snapshots(int everySteps, long everyMs, long minIntervalMs, int fullEvery, String directory, int retain,
                        String signingKeyId, String signingKey)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Not signed. */
  public Snapshots(int everySteps, long everyMs, long minIntervalMs, int fullEvery, String directory, int retain) {
    this(everySteps, everyMs, minIntervalMs, fullEvery, directory, retain, null, null);
  }

  /** The key that signs the snapshots; null when they are not signed. Reads the secret from where it is. */
  public SigningKey signing() {
    return signingKeyId == null ? null : SigningKey.of(signingKeyId, signingKey);
  }

  static Snapshots read(ConfigNode n) {
    Snapshots s = new Snapshots(
        n.integer("every_steps", 100, 1, Integer.MAX_VALUE),
        n.longValue("every_ms", 1000, 1, Long.MAX_VALUE),
        n.longValue("min_interval_ms", 500, 0, Long.MAX_VALUE),
        n.integer("full_every", 10, 1, Integer.MAX_VALUE),
        n.fileSystemUri("directory"),
        n.integer("retain", 5, 1, Integer.MAX_VALUE),
        null, null);
    ConfigNode signing = n.section("signing");
    String keyId = signing.string("key_id", null);
    String key = signing.string("key", null);
    signing.finish();
    n.finish();
    if ((keyId == null) != (key == null)) {
      throw n.fail("signing", "set both key_id and key, or neither");
    }
    if (keyId == null) {
      return s;
    }
    Snapshots signed = new Snapshots(s.everySteps, s.everyMs, s.minIntervalMs, s.fullEvery, s.directory, s.retain,
        keyId, key);
    try {
      signed.signing(); // an unset variable, an unreadable file or a short key stops the job now
    } catch (IllegalArgumentException e) {
      throw n.fail("signing.key", e.getMessage());
    }
    return signed;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("every_steps", everySteps);
    o.put("every_ms", everyMs);
    o.put("min_interval_ms", minIntervalMs);
    o.put("full_every", fullEvery);
    o.put("directory", directory);
    o.put("retain", retain);
    ObjectNode signing = o.putObject("signing");
    signing.put("key_id", signingKeyId);
    signing.put("key", signingKey);
    return o;
  }

  @Override
  public String toString() {
    return "Snapshots[everySteps=" + everySteps + ", everyMs=" + everyMs + ", minIntervalMs=" + minIntervalMs
        + ", fullEvery=" + fullEvery + ", directory=" + directory + ", retain=" + retain + ", signingKeyId="
        + signingKeyId + ", signingKey=" + (signingKey != null && signingKey.startsWith("base64:") ? "base64:****"
        : signingKey) + "]";
  }
}
