package io.streamnet.jobs.train;

import io.streamnet.nn.feature.MurmurHash3;
import java.nio.charset.StandardCharsets;

/**
 * Exactly-once accounting of the events the model learned from: their count and an order-independent digest of
 * their ids (the sum, modulo 2^64, of a 64-bit hash of each id). Part of the trainer's checkpointed state, so after
 * any number of failures the two numbers say whether every event was applied exactly once: a lost event lowers the
 * count, a double-counted one raises it, and both change the digest.
 */
public final class AppliedEvents {
  private long count;
  private long digest;

  public void add(String id) {
    count++;
    digest += hash(id);
  }

  public long count() {
    return count;
  }

  public long digest() {
    return digest;
  }

  void restore(long count, long digest) {
    this.count = count;
    this.digest = digest;
  }

  /** The digest term of one id; also used by tests to compute the expected digest of a replayed stream. */
  public static long hash(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long h1 = MurmurHash3.hash32(bytes, 0, bytes.length, 0x5eed) & 0xffffffffL;
    long h2 = MurmurHash3.hash32(bytes, 0, bytes.length, 0x0b5e55ed) & 0xffffffffL;
    return (h1 << 32) | h2;
  }
}
