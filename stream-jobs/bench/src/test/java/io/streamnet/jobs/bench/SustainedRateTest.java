package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainedRateTest {
  /**
   * A trainer that reports every 100 ms, applies nothing for its first 2 s (start-up), then 1,000 events/s until
   * 10,000 are applied, then reports the same count for another second (the final checkpoint).
   */
  static List<SustainedRate.Point> startUpThenSteady() {
    List<SustainedRate.Point> points = new ArrayList<>();
    long applied = 0;
    for (long t = 0; t <= 13_000; t += 100) {
      if (t > 2_000) {
        applied = Math.min(10_000, applied + 100);
      }
      points.add(new SustainedRate.Point(t, applied));
    }
    return points;
  }

  @Test
  void measuresTheSteadyRateLeavingOutStartUpAndTheEnd() {
    SustainedRate.Result r = SustainedRate.between(startUpThenSteady(), 10_000, 0.1, 0.9);
    assertEquals(1_000.0, r.perSecond(), 1e-9);
    assertEquals(8_000, r.events());
    assertEquals(8.0, r.seconds(), 1e-9);
    assertEquals(3_000, r.fromAt(), "first record with at least 1,000 applied");
    assertEquals(11_000, r.toAt(), "last record with at most 9,000 applied");
    // Over the whole run (first to last record) the rate would be 10,000 / 13 s: start-up drags it down.
    assertTrue(10_000 / 13.0 < r.perSecond());
  }

  @Test
  void recordsMayComeInAnyOrder() {
    List<SustainedRate.Point> shuffled = new ArrayList<>(startUpThenSteady());
    Collections.shuffle(shuffled, new java.util.Random(42));
    assertEquals(1_000.0, SustainedRate.between(shuffled, 10_000, 0.1, 0.9).perSecond(), 1e-9);
  }

  @Test
  void aStreamTooShortForTheMetricsCadenceIsAnError() {
    List<SustainedRate.Point> two = List.of(new SustainedRate.Point(0, 0), new SustainedRate.Point(100, 10_000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SustainedRate.between(two, 10_000, 0.1, 0.9));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
  }

  @Test
  void rejectsABadRange() {
    assertThrows(IllegalArgumentException.class, () -> SustainedRate.between(startUpThenSteady(), 10_000, 0.9, 0.1));
    assertThrows(IllegalArgumentException.class, () -> SustainedRate.between(startUpThenSteady(), 0, 0.1, 0.9));
  }
}
