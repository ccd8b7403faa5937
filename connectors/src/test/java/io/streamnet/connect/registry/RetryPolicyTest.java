package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5, 3L);

  @Test
  void ceilingsGrowExponentiallyUpToTheCap() {
    List<Long> ceilings = new ArrayList<>();
    for (int r = 1; r <= 7; r++) {
      ceilings.add(policy.ceiling(r).toMillis());
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L), ceilings);
    assertEquals(Duration.ofMillis(100 + 200 + 400 + 800 + 1600 + 2000 + 2000), policy.maxTotalWait());
  }

  @Test
  void jitteredWaitsStayWithinTheirBandAndSpreadOut() {
    Random random = policy.newRandom();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 1_000; i++) {
      long wait = policy.backoff(3, random).toMillis();
      assertTrue(wait >= 200 && wait <= 400, "wait " + wait + " outside [200, 400]");
      min = Math.min(min, wait);
      max = Math.max(max, wait);
    }
    assertTrue(min < 220 && max > 380, "jitter should cover the band, saw [" + min + ", " + max + "]");
  }

  @Test
  void aSeedFixesTheWaits() {
    Random a = policy.newRandom();
    Random b = policy.newRandom();
    Random other = policy.withSeed(4).newRandom();
    List<Duration> first = new ArrayList<>();
    List<Duration> second = new ArrayList<>();
    List<Duration> third = new ArrayList<>();
    for (int r = 1; r <= 7; r++) {
      first.add(policy.backoff(r, a));
      second.add(policy.backoff(r, b));
      third.add(policy.backoff(r, other));
    }
    assertEquals(first, second);
    assertNotEquals(first, third);
  }

  @Test
  void noJitterGivesTheCeiling() {
    RetryPolicy exact = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(75), 3.0, 0.0, null);
    assertEquals(Duration.ofMillis(50), exact.backoff(1, new Random(1)));
    assertEquals(Duration.ofMillis(75), exact.backoff(2, new Random(1)));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, 0.5, null));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0.5, 0.5, null));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 2, 1.5, null));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, 2, 0.5, null));
  }
}
