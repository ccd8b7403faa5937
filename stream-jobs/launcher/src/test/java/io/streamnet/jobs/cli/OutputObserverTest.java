package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputObserverTest {
  @Test
  void theTrainerAppliedTheLabeledEventsWhenCountAndDigestMatchThemPlusWhatWasFedBack() {
    AppliedEvents labeled = new AppliedEvents();
    labeled.add("1:10:1000");
    labeled.add("1:11:2000");
    AppliedEvents fedBack = new AppliedEvents();
    fedBack.add("1:12:1500");
    AppliedEvents all = new AppliedEvents();
    all.add("1:10:1000");
    all.add("1:11:2000");
    all.add("1:12:1500");
    assertTrue(observed(trainer(all), fedBack).applied(labeled));

    // As many events, but one labeled event missing and another fed-back one in its place: not done.
    AppliedEvents swapped = new AppliedEvents();
    swapped.add("1:10:1000");
    swapped.add("1:12:1500");
    swapped.add("2:13:1700");
    assertFalse(observed(trainer(swapped), fedBack).applied(labeled));
    // Fewer than expected, or no trainer record yet.
    AppliedEvents first = new AppliedEvents();
    first.add("1:10:1000");
    assertFalse(observed(trainer(first), new AppliedEvents()).applied(labeled));
    assertFalse(observed(null, new AppliedEvents()).applied(labeled));
  }

  @Test
  void quantilesAreNearestRankInMilliseconds() {
    long[] micros = {1_000, 2_000, 3_000, 4_000};
    assertEquals(2.0, OutputObserver.quantileMs(micros, 0.5));
    assertEquals(4.0, OutputObserver.quantileMs(micros, 0.99));
    assertTrue(Double.isNaN(OutputObserver.quantileMs(new long[0], 0.5)));
  }

  @Test
  void theP99OfEachQuarterIsTakenInAnswerOrder() {
    long[] micros = new long[400];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = 1_000 + (i % 100 == 0 ? 50_000L * (4 - i / 100) : 0);
    }
    // One slow answer per quarter, slower early: each quarter's 100 answers have their p99 at the 99th.
    assertEquals(java.util.List.of(1.0, 1.0, 1.0, 1.0), OutputObserver.p99ByQuarterMs(micros));
    micros[5] = 30_000;
    micros[6] = 20_000;
    assertEquals(java.util.List.of(30.0, 1.0, 1.0, 1.0), OutputObserver.p99ByQuarterMs(micros));
    assertEquals(java.util.List.of(), OutputObserver.p99ByQuarterMs(new long[3]));
  }

  private static OutputObserver.Observation observed(TrainingMetrics trainer, AppliedEvents fedBack) {
    return new OutputObserver.Observation(0, 0, trainer, null, 0, 0, fedBack.count(), fedBack.digest());
  }

  private static Map<String, Double> metricsOf(AppliedEvents applied) {
    Map<String, Double> m = new HashMap<>();
    applied.putInto(m);
    return m;
  }

  /** A trainer record of what {@code applied} holds, as the trainer writes it. */
  private static TrainingMetrics trainer(AppliedEvents applied) {
    return TrainingMetrics.newBuilder().setModelId("recommendation").setModelEpoch(1).setModelVersion(1)
        .setSubtask(0).setStep(1).setExamplesSeen(applied.count()).setWindowExamples(1).setLoss(1.0)
        .setMetrics(metricsOf(applied))
        .setDriftDetected(false).setEmittedAt(Instant.EPOCH).build();
  }
}
