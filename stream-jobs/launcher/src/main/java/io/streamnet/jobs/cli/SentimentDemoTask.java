package io.streamnet.jobs.cli;

import io.streamnet.jobs.config.Job;
import io.streamnet.schema.TrainingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo of the sentiment task: prequential accuracy, windowed accuracy and AUC, log-loss; the curve draws the
 * prequential accuracy beside the windowed accuracy against the labeled events.
 */
final class SentimentDemoTask implements DemoTask {
  static final List<String> LINE_KEYS = List.of("labeled", "requests", "scored", "accuracy", "model_version",
      "freshness_p50_ms", "score_p50_ms", "score_p99_ms", "buffered", "buffered_wait_max_ms", "dlq");
  private static final List<String> FIGURES = List.of("accuracy", "window_accuracy", "window_auc", "logloss");

  @Override
  public String name() {
    return Job.SENTIMENT;
  }

  @Override
  public List<String> lineKeys() {
    return LINE_KEYS;
  }

  @Override
  public String headlineKey() {
    return "accuracy";
  }

  @Override
  public String headlineLabel() {
    return "accuracy";
  }

  @Override
  public LearnedFigures figures(TrainingMetrics last, List<TrainingMetrics> history, DemoEvents events) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String key : FIGURES) {
      values.put(key, OutputObserver.metric(last, key));
    }
    return new LearnedFigures(values, curve(history));
  }

  /** The prequential and the windowed accuracy at every record that reports them. */
  static LearningCurve curve(List<TrainingMetrics> history) {
    List<CurvePoint> points = new ArrayList<>();
    for (TrainingMetrics m : history) {
      double accuracy = OutputObserver.metric(m, "accuracy");
      if (m.getExamplesSeen() > 0 && !Double.isNaN(accuracy)) {
        points.add(new CurvePoint(m.getExamplesSeen(), accuracy, OutputObserver.metric(m, "window_accuracy")));
      }
    }
    return new LearningCurve("accuracy", "prequential accuracy (all events so far)", "window_accuracy",
        "windowed accuracy (recent events)", "accuracy", points);
  }

  @Override
  public String describe(LearnedFigures f) {
    return String.format(Locale.ROOT, "  learned    prequential accuracy %s (last window %s, AUC %s), log-loss %s",
        DemoSummary.fixed(f.get("accuracy"), 4), DemoSummary.fixed(f.get("window_accuracy"), 4),
        DemoSummary.fixed(f.get("window_auc"), 4), DemoSummary.fixed(f.get("logloss"), 4));
  }
}
