package io.streamnet.nn.state;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of large arrays, fed to the digest in 64 KB pieces. The JIT hashes a whole {@code update} call in one
 * intrinsic without a safepoint check, so hashing a 15-35 MB model in one call holds every thread of the JVM at the
 * next GC until it ends (the scoring benchmark saw GCs wait 15-126 ms for the threads that hash and copy snapshots;
 * docs/BENCHMARKS.md).
 */
public final class Sha256 {
  private static final int PIECE = 64 * 1024;

  private Sha256() {}

  /** SHA-256 of {@code b[off, off + len)}. */
  public static byte[] of(byte[] b, int off, int len) {
    MessageDigest md = newDigest();
    for (int at = off, end = off + len; at < end; at += PIECE) {
      md.update(b, at, Math.min(PIECE, end - at));
    }
    return md.digest();
  }

  /** SHA-256 of all of {@code b}. */
  public static byte[] of(byte[] b) {
    return of(b, 0, b.length);
  }

  /** SHA-256 of the remaining bytes of {@code buffer}; its position is left unchanged. */
  public static byte[] of(ByteBuffer buffer) {
    MessageDigest md = newDigest();
    ByteBuffer rest = buffer.duplicate();
    int end = rest.limit();
    while (rest.position() < end) {
      rest.limit(Math.min(end, rest.position() + PIECE));
      md.update(rest); // advances the position to the limit
      rest.limit(end);
    }
    return md.digest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
