package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamnet demo} in this JVM, as a user runs it: embedded broker, in-memory registry, the real job on a
 * MiniCluster. Sentiment: the first 1,000 UCI sentences replayed at a steady rate for ten seconds, so that requests
 * come both before and after the first model (on a loaded machine it came 7 s after the replay's start).
 * Recommendation: the first 20,000 MovieLens ratings in time order (twenty seconds). Each checks the summary line
 * against counts known independently of the job, the served latency apart from the requests that waited for the
 * first model, and the report files.
 */
class DemoCommandIT {
  private static final int LIMIT = 1000;
  private static final int SEED = 42;
  private static final double REQUEST_FRACTION = 0.1;
  /** MovieLens ratings replayed: a prefix on which the model's HR@10 is well above POP's (0.18 against 0.11). */
  private static final int MOVIELENS_LIMIT = 20_000;
  /** How far the model's HR@10 must be above POP's on that prefix. */
  private static final double MARGIN_OVER_POP = 0.03;

  @TempDir
  Path tmp;

  /** What a run printed. */
  private record Run(int status, String stderr, List<String> stdout) {
    Map<String, String> summary() {
      return DemoSummaryTest.parse(stdout.get(stdout.size() - 1));
    }
  }

  private static Run demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8), errStream,
        new DemoProgress(errStream, false)).run(args);
    return new Run(status, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void demoLearnsScoresEveryRequestOnceAndWritesTheReport() throws Exception {
    Path report = tmp.resolve("demo-report");

    Run run = demo("--dataset", "uci", "--limit", Integer.toString(LIMIT), "--seed", Integer.toString(SEED),
        "--request-fraction", Double.toString(REQUEST_FRACTION), "--rate", "100", "--timeout", "180", "--report",
        report.toString());

    String stderr = run.stderr();
    assertEquals(0, run.status(), "exit status; stderr:\n" + stderr);
    assertTrue(stderr.contains("demo ") && stderr.contains("| scored "), "a progress line was shown:\n" + stderr);
    Map<String, String> summary = run.summary();
    assertEquals(SentimentDemoTask.LINE_KEYS, List.copyOf(summary.keySet()), "last line: " + run.stdout());

    // What was sent, counted from the same seeded stream without the job.
    // The demo's default warm-up (no requests in the first events) applies: at most half of them here.
    DemoEvents sent = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, LIMIT, SEED, REQUEST_FRACTION, 1,
        DemoOptions.DEFAULT_WARMUP_EVENTS, () -> 0L);
    long requests = requests(sent);
    assertEquals(sent.size() - requests, Long.parseLong(summary.get("labeled")));
    assertEquals(requests, Long.parseLong(summary.get("requests")));
    assertEquals(requests, Long.parseLong(summary.get("scored")), "every request has a committed score");
    double accuracy = Double.parseDouble(summary.get("accuracy"));
    assertTrue(accuracy > 0.5 && accuracy < 1, "prequential accuracy above chance: " + accuracy);
    assertTrue(Long.parseLong(summary.get("model_version")) >= 1);
    assertTrue(Double.parseDouble(summary.get("score_p99_ms")) >= 0, "served p99: " + run.stdout());
    assertEquals(0, Long.parseLong(summary.get("dlq")), "clean data leaves no dead letters");
    long buffered = Long.parseLong(summary.get("buffered"));
    assertTrue(buffered >= 0 && buffered < requests, "requests that waited for the first model, counted: " + buffered);
    double p50 = Double.parseDouble(summary.get("score_p50_ms"));
    assertTrue(p50 >= 0 && p50 <= Double.parseDouble(summary.get("score_p99_ms")), "served p50 " + p50);
    double waitedMax = Double.parseDouble(summary.get("buffered_wait_max_ms"));
    assertTrue(buffered == 0 ? Double.isNaN(waitedMax) : waitedMax >= 0, "longest wait " + waitedMax);

    assertEquals(DemoReport.CHART_WIDTH, ImageIO.read(report.resolve(DemoReport.CHART_FILE).toFile()).getWidth());
    JsonNode json = new ObjectMapper().readTree(report.resolve(DemoReport.SUMMARY_FILE).toFile());
    assertEquals(requests, json.get("score_records").asLong(), "exactly one committed score per request");
    assertEquals(sent.size() - requests, json.get("labeled").asLong());
    assertTrue(json.get("curve").size() >= 2, "the learning curve has points: " + json.get("curve"));
    JsonNode last = json.get("curve").get(json.get("curve").size() - 1);
    assertEquals(sent.size() - requests, last.get("events").asLong(), "the curve ends at the last labeled event");
    assertEquals(buffered, json.get("buffered_scored").asLong());
    assertEquals(Double.parseDouble(summary.get("score_p99_ms")), json.get("score_p99_ms").asDouble(), 1e-3);
    assertTrue(buffered == 0 || json.get("buffered_wait_p50_ms").asDouble() <= waitedMax, json.toString());
  }

  /**
   * MovieLens runs the recommendation job with its delayed-feedback loop, as configured by default, except for
   * narrower vectors (dim 32, as RecommendationJobIT: every checkpoint and snapshot copies the model, and this test
   * shows the demo's plumbing and figures, not the default model's speed).
   */
  @Test
  void movielensLearnsToRecommendBetterThanPopAndAnswersEveryRequest() throws Exception {
    Path report = tmp.resolve("movielens-report");

    Run run = demo("--dataset", "movielens", "--limit", Integer.toString(MOVIELENS_LIMIT), "--seed",
        Integer.toString(SEED), "--rate", "1000", "--timeout", "180", "--set", "model.model.dim=32", "--report",
        report.toString());

    assertEquals(0, run.status(), "exit status; stderr:\n" + run.stderr());
    assertTrue(run.stderr().contains("| HR@10 "), "the progress line shows the hit rate:\n" + run.stderr());
    Map<String, String> summary = run.summary();
    assertEquals(List.of("hr_at_10", "ndcg_at_10", "rmse", "scored", "model_version", "freshness_p50_ms",
        "score_p99_ms", "pop_hr_at_10", "labeled", "requests", "score_p50_ms", "buffered", "buffered_wait_max_ms",
        "dlq"), List.copyOf(summary.keySet()), "last line: " + run.stdout());

    DemoEvents stream = DemoEvents.read(DemoOptions.DatasetSelection.MOVIELENS, null, MOVIELENS_LIMIT, SEED,
        REQUEST_FRACTION, 10, DemoOptions.DEFAULT_WARMUP_EVENTS, () -> 0L);
    long requests = requests(stream);
    assertEquals(stream.size() - requests, Long.parseLong(summary.get("labeled")));
    assertEquals(requests, Long.parseLong(summary.get("requests")));
    assertEquals(requests, Long.parseLong(summary.get("scored")), "every request has a committed answer");
    assertTrue(Long.parseLong(summary.get("model_version")) > 0);
    assertEquals(0, Long.parseLong(summary.get("dlq")), "clean data leaves no dead letters");
    // POP on the same labeled ratings, computed here without the job.
    RecoBaselines baselines = RecoBaselinesTest.run(stream);
    double pop = Double.parseDouble(summary.get("pop_hr_at_10"));
    assertEquals(DemoSummary.fixed(baselines.popHitRate(baselines.positives()), 4), summary.get("pop_hr_at_10"));
    double hr = Double.parseDouble(summary.get("hr_at_10"));
    assertTrue(hr > pop + MARGIN_OVER_POP && hr < 1, "the model's HR@10 " + hr + " is above POP's " + pop);
    double ndcg = Double.parseDouble(summary.get("ndcg_at_10"));
    assertTrue(ndcg > 0 && ndcg < hr, "NDCG@10 " + ndcg);
    double rmse = Double.parseDouble(summary.get("rmse"));
    assertTrue(rmse > 0.5 && rmse < 1.5, "RMSE of ratings on a 0.5..5 scale: " + rmse);
    // How many requests come before the first model depends on the machine's load (a busy CI machine trained its
    // first batches after every request of the short stream had been sent); the figures must agree either way.
    long buffered = Long.parseLong(summary.get("buffered"));
    assertTrue(buffered >= 0 && buffered <= requests, "requests that waited for the first model: " + buffered);
    double p50 = Double.parseDouble(summary.get("score_p50_ms"));
    assertTrue(buffered == requests ? Double.isNaN(p50)
        : p50 >= 0 && p50 <= Double.parseDouble(summary.get("score_p99_ms")), "served p50 " + p50);
    assertTrue(Double.parseDouble(summary.get("freshness_p50_ms")) > 0);

    assertEquals(DemoReport.CHART_WIDTH, ImageIO.read(report.resolve(DemoReport.CHART_FILE).toFile()).getWidth());
    JsonNode json = new ObjectMapper().readTree(report.resolve(DemoReport.SUMMARY_FILE).toFile());
    assertEquals("recommendation", json.get("task").asText());
    assertEquals(baselines.positives(), json.get("positives").asLong(), "the trainer ranked every positive");
    JsonNode curve = json.get("curve");
    assertTrue(curve.size() >= 2, "the learning curve has points: " + curve);
    JsonNode last = curve.get(curve.size() - 1);
    assertEquals(stream.size() - requests, last.get("events").asLong(), "the curve ends at the last labeled event");
    assertEquals(hr, last.get("hr_at_10").asDouble(), 1e-4);
    assertEquals(pop, last.get("pop_hr_at_10").asDouble(), 1e-4);
  }

  private static long requests(DemoEvents stream) {
    long requests = 0;
    for (int i = 0; i < stream.size(); i++) {
      requests += stream.get(i).request() ? 1 : 0;
    }
    return requests;
  }
}
