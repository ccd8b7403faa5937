package io.streamnet.connect.sign;

import io.streamnet.schema.ModelSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a {@link ModelSnapshot} ({@code ModelSnapshot.signature}): HMAC-SHA256 under a named key over what
 * makes the snapshot what it is (model id, version, kind and base, task and the SHA-256 of its settings and spec,
 * creation time, and the SHA-256 of the parameters, which a reader checks against the bytes anyway). The training
 * metrics are not signed: they describe, they are not loaded.
 *
 * <p>Format "SNSG" version 1: the magic, one byte version, one byte key-id length, the key id (UTF-8), the 32-byte
 * MAC. A golden file in the tests keeps it readable.
 */
public final class SnapshotSignature {
  static final byte[] MAGIC = {'S', 'N', 'S', 'G'};
  static final int VERSION = 1;
  private static final int MAC_BYTES = 32;

  /** What checking a snapshot's signature found. */
  public enum Verdict {
    /** Signed by a known key and unchanged since. */
    VALID,
    /** No signature. */
    UNSIGNED,
    /** Signed under a key id the reader does not hold. */
    UNKNOWN_KEY,
    /** Signed by a known key, but what it signs changed (or another key made it). */
    MISMATCH,
    /** The signature bytes are not a signature of this format. */
    MALFORMED
  }

  private SnapshotSignature() {}

  /** A copy of {@code s} signed with {@code key}. */
  public static ModelSnapshot sign(ModelSnapshot s, SigningKey key) {
    ModelSnapshot copy = ModelSnapshot.newBuilder(s).build();
    copy.setSignature(ByteBuffer.wrap(signature(copy, key)));
    return copy;
  }

  /** The signature bytes of {@code s} under {@code key}. */
  static byte[] signature(ModelSnapshot s, SigningKey key) {
    byte[] id = key.id().getBytes(StandardCharsets.UTF_8);
    byte[] mac = mac(key, signedContent(s));
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + id.length + MAC_BYTES);
    out.put(MAGIC).put((byte) VERSION).put((byte) id.length).put(id).put(mac);
    return out.array();
  }

  /** Checks the signature of {@code s} against the keys a reader holds, by key id. */
  public static Verdict verify(ModelSnapshot s, Map<String, SigningKey> keys) {
    ByteBuffer sig = s.getSignature();
    if (sig == null) {
      return Verdict.UNSIGNED;
    }
    byte[] b = new byte[sig.remaining()];
    sig.duplicate().get(b);
    if (b.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)
        || b[MAGIC.length] != VERSION) {
      return Verdict.MALFORMED;
    }
    int idLength = b[MAGIC.length + 1] & 0xff;
    int macAt = MAGIC.length + 2 + idLength;
    if (idLength == 0 || b.length != macAt + MAC_BYTES) {
      return Verdict.MALFORMED;
    }
    String id = new String(b, MAGIC.length + 2, idLength, StandardCharsets.UTF_8);
    SigningKey key = keys.get(id);
    if (key == null) {
      return Verdict.UNKNOWN_KEY;
    }
    byte[] expected = mac(key, signedContent(s));
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(b, macAt, b.length)) ? Verdict.VALID
        : Verdict.MISMATCH;
  }

  /** The key id a signature names; null when unsigned or malformed. */
  public static String keyId(ModelSnapshot s) {
    ByteBuffer sig = s.getSignature();
    if (sig == null || sig.remaining() < MAGIC.length + 2) {
      return null;
    }
    ByteBuffer d = sig.duplicate();
    d.position(d.position() + MAGIC.length + 1);
    int n = d.get() & 0xff;
    if (d.remaining() < n) {
      return null;
    }
    byte[] id = new byte[n];
    d.get(id);
    return new String(id, StandardCharsets.UTF_8);
  }

  /** What is signed, in a fixed binary layout (version 1). */
  static byte[] signedContent(ModelSnapshot s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeUTF(s.getModelId());
      out.writeLong(s.getEpoch());
      out.writeLong(s.getVersion());
      out.writeUTF(s.getKind().name());
      out.writeLong(s.getBaseEpoch() == null ? -1 : s.getBaseEpoch());
      out.writeLong(s.getBaseVersion() == null ? -1 : s.getBaseVersion());
      out.writeLong(s.getCreatedAt().toEpochMilli());
      out.writeUTF(s.getTask());
      out.write(sha256(s.getTaskSpec() == null ? "" : s.getTaskSpec()));
      out.write(sha256(s.getNetworkSpec()));
      out.writeUTF(s.getSha256());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] mac(SigningKey key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
