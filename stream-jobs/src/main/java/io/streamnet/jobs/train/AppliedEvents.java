package io.streamnet.jobs.train;

import io.streamnet.nn.feature.MurmurHash3;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Exactly-once accounting of the events the model learned from: their count and an order-independent digest of
 * their ids (the sum, modulo 2^64, of a 64-bit hash of each id). Part of the trainer's checkpointed state, so after
 * any number of failures the two numbers say whether every event was applied exactly once: a lost event lowers the
 * count, a double-counted one raises it, and both change the digest.
 */
public final class AppliedEvents {
  /** Metrics keys of the count and of the digest in two exact halves (a double holds 32 bits exactly). */
  public static final String COUNT_KEY = "applied_events";
  public static final String DIGEST_HIGH_KEY = "applied_digest_high";
  public static final String DIGEST_LOW_KEY = "applied_digest_low";

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

  /** Writes the count and the digest into a metrics map (snapshots and metrics records carry both). */
  public void putInto(Map<String, Double> metrics) {
    metrics.put(COUNT_KEY, (double) count);
    metrics.put(DIGEST_HIGH_KEY, (double) (digest >>> 32));
    metrics.put(DIGEST_LOW_KEY, (double) (digest & 0xffffffffL));
  }

  /** The digest a metrics map carries ({@link #putInto}), or null when it carries none. */
  public static Long digestIn(Map<String, Double> metrics) {
    Double high = metrics.get(DIGEST_HIGH_KEY);
    Double low = metrics.get(DIGEST_LOW_KEY);
    return high == null || low == null ? null : ((long) (double) high << 32) | (long) (double) low;
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
