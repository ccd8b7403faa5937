package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationDemoTaskTest {
  private final RecommendationDemoTask task = (RecommendationDemoTask) DemoTask.of(DemoConfigTest.movielens());

  @Test
  void eachTrainerPointIsDrawnBesidePopAfterAsManyPositivesAtTheLabeledEventOfTheLastOfThem() {
    RecoBaselines baselines = RecoBaselinesTest.run(RecoBaselinesTest.prefix());
    int all = baselines.positives();
    // The trainer's records: nothing ranked yet, then 10 positives, an interval with only negatives fed back (same
    // positives, more events), 50, all of them.
    List<TrainingMetrics> history = List.of(record(32, 0, Double.NaN), record(40, 10, 0.3), record(70, 10, 0.3),
        record(120, 50, 0.26), record(5000, all, 0.21));

    LearningCurve curve = task.curve(history, baselines);

    assertEquals("hr_at_10", curve.valueKey());
    assertEquals("pop_hr_at_10", curve.referenceKey());
    List<CurvePoint> points = curve.points();
    assertEquals(List.of(new CurvePoint(baselines.eventsThrough(10), 0.3, baselines.popHitRate(10)),
        new CurvePoint(baselines.eventsThrough(50), 0.26, baselines.popHitRate(50)),
        new CurvePoint(baselines.eventsThrough(all), 0.21, baselines.popHitRate(all))), points.subList(0, 3));
    // HR@10 changes only at a positive: the curve ends at the stream's last labeled event with the last figures.
    assertTrue(baselines.eventsThrough(all) < baselines.labeled(), "the prefix ends with events after its last"
        + " positive");
    assertEquals(new CurvePoint(baselines.labeled(), 0.21, baselines.popHitRate(all)), points.get(3));
    assertEquals(4, points.size());
  }

  @Test
  void recordsPastTheReplayedPositivesAreLeftOut() {
    RecoBaselines baselines = RecoBaselinesTest.run(RecoBaselinesTest.prefix());
    LearningCurve curve = task.curve(List.of(record(40, 10, 0.3), record(9999, baselines.positives() + 1, 0.2)),
        baselines);
    assertEquals(baselines.eventsThrough(10), curve.points().get(0).events());
    assertEquals(baselines.labeled(), curve.points().get(1).events());
    assertEquals(0.3, curve.points().get(1).value());
  }

  @Test
  void theFiguresAreTheTrainersBesideTheBaselinesAndTheLineLeadsWithTheIssuesKeys() {
    TrainingMetrics last = record(5000, 1200, 0.2111);
    LearnedFigures f = task.figures(last, List.of(last), RecoBaselinesTest.prefix());
    assertEquals(List.of("hr_at_10", "ndcg_at_10", "rmse", "mae", "positives", "pop_hr_at_10", "pop_ndcg_at_10",
        "rpop_hr_at_10", "rpop_ndcg_at_10", "iknn_hr_at_10", "iknn_ndcg_at_10"), List.copyOf(f.values().keySet()));
    assertEquals(0.2111, f.get("hr_at_10"));
    assertEquals(0.95, f.get("rmse"));
    assertEquals(List.of("hr_at_10", "ndcg_at_10", "rmse", "scored", "model_version", "freshness_p50_ms",
        "score_p99_ms"), task.lineKeys().subList(0, 7));
    assertTrue(task.lineKeys().containsAll(List.of("pop_hr_at_10", "labeled", "requests", "score_p50_ms",
        "buffered", "dlq")), task.lineKeys().toString());
    String text = task.describe(f);
    assertTrue(text.startsWith("  learned    prequential HR@10 0.2111, NDCG@10 0.1000 over 1,200 positives; RMSE"
        + " 0.9500"), text);
    assertTrue(text.contains("  baselines  on the same positives, HR@10: POP 0."), text);
  }

  /** A trainer record after {@code events} events of which {@code positives} were ranked positives. */
  static TrainingMetrics record(long events, long positives, double hr) {
    Map<String, Double> m = new HashMap<>(Map.of("positives", (double) positives, "ndcg_at_10", 0.1,
        "rmse", 0.95, "mae", 0.75, "applied_events", (double) events));
    if (!Double.isNaN(hr)) {
      m.put("hr_at_10", hr);
    }
    return TrainingMetrics.newBuilder().setModelId("recommendation").setModelEpoch(1).setModelVersion(3)
        .setSubtask(0).setStep(events / 32).setExamplesSeen(events).setWindowExamples(32).setLoss(1.0)
        .setMetrics(m).setDriftDetected(false).setEmittedAt(Instant.EPOCH).build();
  }
}
