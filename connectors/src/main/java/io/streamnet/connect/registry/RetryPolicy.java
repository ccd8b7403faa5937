package io.streamnet.connect.registry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Random;

/**
 * Bounded retries with exponential back-off and jitter for registry calls that failed for a transient reason
 * (connection refused or reset, timeout, HTTP 429 or 5xx).
 *
 * <p>The wait before retry {@code n} (from 1) is {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, reduced
 * by a random fraction of at most {@code jitter}: with jitter 0.5 it lies in [half, all] of that value. Jitter only
 * spreads clients apart in time, it never changes a result; {@code seed} fixes it for tests.
 *
 * @param maxAttempts    total attempts including the first, at least 1
 * @param initialBackoff wait before the first retry
 * @param maxBackoff     cap on any single wait
 * @param multiplier     growth factor per retry, at least 1
 * @param jitter         fraction in [0, 1] by which a wait may be shortened at random
 * @param seed           seed of the jitter generator; null seeds it from the clock (different per client)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          double jitter, Long seed) implements Serializable {

  /** 5 attempts, 100 ms doubling up to 2 s, 50 % jitter: gives up after about 1.5 s of waiting at most. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5, null);

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, null);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("back-off durations must not be negative: " + initialBackoff + ", " + maxBackoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
    }
  }

  /** The same policy with a fixed jitter seed. */
  public RetryPolicy withSeed(long newSeed) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, newSeed);
  }

  /** A jitter generator for one client. */
  public Random newRandom() {
    return seed != null ? new Random(seed) : new Random(System.nanoTime());
  }

  /** The un-jittered wait before retry {@code retry} (1 = the first retry). */
  public Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, retry - 1);
    long capped = (long) Math.min(millis, maxBackoff.toMillis());
    return Duration.ofMillis(capped);
  }

  /** The wait before retry {@code retry}, jittered with {@code random}: within [(1 - jitter) * ceiling, ceiling]. */
  public Duration backoff(int retry, Random random) {
    long ceiling = ceiling(retry).toMillis();
    long cut = (long) (ceiling * jitter * random.nextDouble());
    return Duration.ofMillis(ceiling - cut);
  }

  /** The longest total time spent waiting between attempts. */
  public Duration maxTotalWait() {
    Duration total = Duration.ZERO;
    for (int r = 1; r < maxAttempts; r++) {
      total = total.plus(ceiling(r));
    }
    return total;
  }
}
