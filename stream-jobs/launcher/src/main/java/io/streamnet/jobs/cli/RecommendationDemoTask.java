package io.streamnet.jobs.cli;

import io.streamnet.jobs.config.Job;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.reco.RecoLearnerSpec;
import io.streamnet.schema.TrainingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo of the recommendation task: the trainer's prequential HR@K, NDCG@K (each positive ranked exactly before
 * it is learned from) and RMSE, beside POP, recency-POP and item-kNN run on the same labeled interactions
 * ({@link RecoBaselines}); the curve draws the trainer's HR@K beside POP's over the same positives.
 */
final class RecommendationDemoTask implements DemoTask {
  private static final Logger LOG = LoggerFactory.getLogger(RecommendationDemoTask.class);
  private final int k;
  private final float positiveAt;
  private final String hr;
  private final String ndcg;
  private final String popHr;

  RecommendationDemoTask(RecoLearnerSpec learner) {
    this.k = learner.topK();
    this.positiveAt = learner.model().ratings().positiveAt();
    this.hr = "hr_at_" + k;
    this.ndcg = "ndcg_at_" + k;
    this.popHr = "pop_hr_at_" + k;
  }

  @Override
  public String name() {
    return Job.RECOMMENDATION;
  }

  @Override
  public List<String> lineKeys() {
    return List.of(hr, ndcg, "rmse", "scored", "model_version", "freshness_p50_ms", "score_p99_ms", popHr, "labeled",
        "requests", "score_p50_ms", "buffered", "buffered_wait_max_ms", "dlq");
  }

  @Override
  public String headlineKey() {
    return hr;
  }

  @Override
  public String headlineLabel() {
    return "HR@" + k;
  }

  /** Runs the baselines over the replayed stream (seconds on the whole of latest-small), then reads the figures. */
  @Override
  public LearnedFigures figures(TrainingMetrics last, List<TrainingMetrics> history, DemoEvents events) {
    // The baselines' own settings are the prequential runner's defaults, so the figures compare with its.
    RecoRunnerSpec runner = RecoRunnerSpec.defaults();
    long start = System.nanoTime();
    RecoBaselines baselines = RecoBaselines.run(events, k, positiveAt, runner.baselineHistory(),
        runner.baselineHalfLife());
    LOG.info("POP, recency-POP and item-kNN ranked the {} positives of the replayed stream in {} s",
        baselines.positives(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    Map<String, Double> values = new LinkedHashMap<>();
    for (String key : List.of(hr, ndcg, "rmse", "mae", RecoLearner.POSITIVES_METRIC)) {
      values.put(key, OutputObserver.metric(last, key));
    }
    values.putAll(baselines.figures());
    return new LearnedFigures(values, curve(history, baselines));
  }

  /**
   * The trainer's HR@K at each record, beside POP's over the same number of positives, against the labeled events up
   * to the last of those positives (HR@K only changes at a positive); then a last point at the end of the stream.
   * Records past the baselines' positives (none when the trainer learned exactly the replayed stream) are left out.
   */
  LearningCurve curve(List<TrainingMetrics> history, RecoBaselines baselines) {
    List<CurvePoint> points = new ArrayList<>();
    long lastPositives = 0;
    for (TrainingMetrics m : history) {
      double value = OutputObserver.metric(m, hr);
      double positives = OutputObserver.metric(m, RecoLearner.POSITIVES_METRIC);
      if (Double.isNaN(value) || !(positives > lastPositives) || positives > baselines.positives()) {
        continue;
      }
      long p = (long) positives;
      points.add(new CurvePoint(baselines.eventsThrough(p), value, baselines.popHitRate(p)));
      lastPositives = p;
    }
    if (!points.isEmpty() && points.get(points.size() - 1).events() < baselines.labeled()) {
      CurvePoint end = points.get(points.size() - 1);
      points.add(new CurvePoint(baselines.labeled(), end.value(), end.reference()));
    }
    return new LearningCurve(hr, "HR@" + k + " of the model (prequential, all positives so far)", popHr,
        "HR@" + k + " of POP on the same positives", "HR@" + k, points);
  }

  @Override
  public String describe(LearnedFigures f) {
    return String.format(Locale.ROOT, String.join("%n",
            "  learned    prequential HR@%d %s, NDCG@%d %s over %s positives; RMSE %s",
            "  baselines  on the same positives, HR@%d: POP %s, recency-POP %s, item-kNN %s"),
        k, DemoSummary.fixed(f.get(hr), 4), k, DemoSummary.fixed(f.get(ndcg), 4), whole(f.get("positives")),
        DemoSummary.fixed(f.get("rmse"), 4), k, DemoSummary.fixed(f.get(popHr), 4),
        DemoSummary.fixed(f.get("rpop_hr_at_" + k), 4), DemoSummary.fixed(f.get("iknn_hr_at_" + k), 4));
  }

  private static String whole(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%,.0f", d) : "?";
  }
}
