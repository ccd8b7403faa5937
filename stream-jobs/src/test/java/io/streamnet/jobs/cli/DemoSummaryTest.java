package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    assertEquals(DemoSummary.LINE_KEYS, List.copyOf(parsed.keySet()));
  }

  @Test
  void aMissingFigureIsNaNWhichParsesBack() {
    DemoSummary s = new DemoSummary(List.of("uci"), 5, 1, 1, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1,
        2, Double.NaN, Double.NaN, ScoreLatency.UNKNOWN, 3, 0, 0, List.of());
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
    assertTrue(text.startsWith("StreamNet demo: uci + imdb"), text);
    assertTrue(text.contains("prequential accuracy 0.7551"), text);
    assertTrue(text.contains("epoch 1, version 7"), text);
    assertTrue(text.contains("289 of 289 requests"), text);
    assertTrue(text.contains("served latency p50 1.3 ms, p99 4.5 ms"), text);
    assertTrue(text.contains("12 requests came before the first model and waited for it: p50 850.0 ms, max 1210.5 ms"),
        text);
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
