package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoWatchTest {

  @Test
  void theBufferedCountWaitsUntilTheScorerSaysItIsFinal() {
    assertEquals(-1, DemoWatch.bufferedCount(observed(null), 100), "no scorer record yet");
    assertEquals(-1, DemoWatch.bufferedCount(observed(scorer(40, false)), 100), "later requests may still wait");
    assertEquals(40, DemoWatch.bufferedCount(observed(scorer(40, true)), 100));
  }

  @Test
  void whenEveryRequestWaitedTheCountIsFinalWithoutALaterRequest() {
    // The first model came after the last request: no request can come later to make the scorer's count final.
    assertEquals(100, DemoWatch.bufferedCount(observed(scorer(100, false)), 100));
  }

  private static OutputObserver.Observation observed(TrainingMetrics scorer) {
    return new OutputObserver.Observation(100, 100, null, scorer, 0, 0, 0, 0);
  }

  private static TrainingMetrics scorer(long bufferedScored, boolean bufferedFinal) {
    return TrainingMetrics.newBuilder().setModelId("sentiment").setModelEpoch(1).setModelVersion(1).setSubtask(0)
        .setStep(1).setExamplesSeen(1).setWindowExamples(1).setLoss(0.5)
        .setMetrics(Map.of("scorer.buffered_scored", (double) bufferedScored, "scorer.buffered_final",
            bufferedFinal ? 1.0 : 0.0))
        .setDriftDetected(false).setEmittedAt(Instant.EPOCH).build();
  }
}
