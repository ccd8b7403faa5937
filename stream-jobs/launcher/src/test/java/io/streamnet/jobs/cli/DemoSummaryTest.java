package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
  @Test
  void lastLineHasItsKeysInOrderWithTheServedLatencyAndTheBufferedRequestsApart() {
    String line = DemoReportTest.summary(List.of()).keyValueLine();
    assertEquals("labeled=2711 requests=289 scored=289 accuracy=0.7551 model_version=7 freshness_p50_ms=412.0"
        + " score_p50_ms=1.250 score_p99_ms=4.500 buffered=12 buffered_wait_max_ms=1210.5 dlq=0", line);
    Map<String, String> parsed = parse(line);
    assertEquals(SentimentDemoTask.LINE_KEYS, List.copyOf(parsed.keySet()));
  }

  @Test
  void aMissingFigureIsNaNWhichParsesBack() {
    DemoSummary s = new DemoSummary(new SentimentDemoTask(), List.of("uci"), 5, 1, 1, 1,
        new SentimentDemoTask().figures(null, List.of(), null), 1, 2, Double.NaN, Double.NaN, ScoreLatency.UNKNOWN, 3,
        0, 0);
    Map<String, String> parsed = parse(s.keyValueLine());
    assertTrue(Double.isNaN(Double.parseDouble(parsed.get("accuracy"))));
    assertTrue(Double.isNaN(Double.parseDouble(parsed.get("freshness_p50_ms"))));
    assertTrue(Double.isNaN(Double.parseDouble(parsed.get("score_p99_ms"))));
    assertEquals("-1", parsed.get("buffered"), "unknown");
    assertEquals("3", parsed.get("dlq"));
  }

  @Test
  void humanSummaryNamesTheFigures() {
    String text = DemoReportTest.summary(List.of()).humanReadable();
    assertTrue(text.startsWith("StreamNet demo: uci + imdb (sentiment)"), text);
    assertTrue(text.contains("prequential accuracy 0.7551"), text);
    assertTrue(text.contains("epoch 1, version 7"), text);
    assertTrue(text.contains("289 of 289 requests"), text);
    assertTrue(text.contains("served latency p50 1.3 ms, p99 4.5 ms"), text);
    assertTrue(text.contains("12 requests came before the first model and waited for it: p50 850.0 ms, max 1210.5 ms"),
        text);
  }

  @Test
  void aRecommendationLineLeadsWithTheRankingFiguresAndHasPopBesideThem() {
    Map<String, Double> learned = new LinkedHashMap<>();
    learned.put("hr_at_10", 0.12131);
    learned.put("ndcg_at_10", 0.0642);
    learned.put("rmse", 0.90021);
    learned.put("mae", 0.7);
    learned.put("positives", 43885.0);
    learned.put("pop_hr_at_10", 0.0631);
    DemoSummary s = new DemoSummary(DemoTask.of(DemoConfigTest.movielens()), List.of("movielens"), 90854, 9982,
        9982, 9990, new LearnedFigures(learned, DemoReportTest.accuracyCurve(List.of())), 1, 61, 412.0, 980.5,
        new ScoreLatency(13.0, 99.5, 2039, 2796.0, 5358.0, java.util.List.of(99.5, 40.0, 12.0, 9.5)), 0, 102.3, 112.0);
    assertEquals("hr_at_10=0.1213 ndcg_at_10=0.0642 rmse=0.9002 scored=9982 model_version=61"
        + " freshness_p50_ms=412.0 score_p99_ms=99.500 pop_hr_at_10=0.0631 labeled=90854 requests=9982"
        + " score_p50_ms=13.000 buffered=2039 buffered_wait_max_ms=5358.0 dlq=0", s.keyValueLine());
    assertTrue(s.humanReadable().startsWith("StreamNet demo: movielens (recommendation)"), s.humanReadable());
  }

  @Test
  void aKeyTheFiguresLackIsAnErrorNotAGap() {
    DemoSummary s = new DemoSummary(DemoTask.of(DemoConfigTest.movielens()), List.of("movielens"), 1, 1, 1, 1,
        new LearnedFigures(Map.of("hr_at_10", 0.1), DemoReportTest.accuracyCurve(List.of())), 1, 1, 1, 1,
        ScoreLatency.UNKNOWN, 0, 1, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, s::keyValueLine);
    assertEquals("the summary has no figure 'ndcg_at_10'", e.getMessage());
  }

  static Map<String, String> parse(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    Arrays.stream(line.trim().split(" ")).forEach(kv -> {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    });
    return m;
  }
}
