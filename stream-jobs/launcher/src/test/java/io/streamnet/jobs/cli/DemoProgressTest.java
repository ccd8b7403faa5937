package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.schema.TrainingMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoProgressTest {
  @Test
  void beforeTheTrainerReports() {
    OutputObserver.Observation nothing = new OutputObserver.Observation(0, 0, null, null, 0, 0, 0, 0);
    assertEquals("demo   0.5s | sent 10/3,000 | trainer starting | freshness p50 - | scored 0/1",
        DemoProgress.render(0.5, 10, 3000, nothing, 1, new SentimentDemoTask()));
  }

  @Test
  void showsRateAccuracyVersionFreshnessAndScored() {
    TrainingMetrics trainer = metrics(3, 41, Map.of("applied_events", 2688.0, "events_per_s", 540.4, "accuracy",
        0.74123));
    TrainingMetrics scorer = metrics(3, 40, Map.of("scorer.scored", 280.0, "scorer.freshness_p50_ms", 310.2));
    OutputObserver.Observation live = new OutputObserver.Observation(281, 280, trainer, scorer, 0, 0, 0, 0);
    assertEquals("demo  12.0s | sent 3,000/3,000 | trained 2,688 at 540 ev/s | accuracy 0.7412 | model 3.41"
        + " | freshness p50 310 ms | scored 280/312",
        DemoProgress.render(12.01, 3000, 3000, live, 312, new SentimentDemoTask()));
  }

  @Test
  void aRecommendationJobShowsItsHitRate() {
    TrainingMetrics trainer = metrics(1, 9, Map.of("applied_events", 5000.0, "events_per_s", 2100.0, "hr_at_10",
        0.13786, "accuracy", 0.5));
    OutputObserver.Observation live = new OutputObserver.Observation(40, 40, trainer, null, 0, 0, 0, 0);
    assertEquals("demo   3.0s | sent 5,600/9,000 | trained 5,000 at 2,100 ev/s | HR@10 0.1379 | model 1.9"
        + " | freshness p50 - | scored 40/60",
        DemoProgress.render(3, 5600, 9000, live, 60, DemoTask.of(DemoConfigTest.movielens())));
  }

  @Test
  void onATerminalTheLineIsRedrawnOverALongerOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoProgress p = new DemoProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.show("abcdef");
    p.show("xy");
    p.finish();
    assertEquals("\rabcdef\rxy    \n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void elsewhereEachUpdateIsALine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoProgress p = new DemoProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.show("one");
    p.show("two");
    p.finish();
    assertEquals("one\ntwo\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  private static TrainingMetrics metrics(long epoch, long version, Map<String, Double> values) {
    return TrainingMetrics.newBuilder().setModelId("sentiment").setModelEpoch(epoch).setModelVersion(version)
        .setSubtask(0).setStep(1).setExamplesSeen(1).setWindowExamples(1).setLoss(0.5).setMetrics(Map.copyOf(values))
        .setDriftDetected(false).setEmittedAt(Instant.EPOCH).build();
  }
}
