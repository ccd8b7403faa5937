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
  void lastLineHasTheEightKeysInOrder() {
    String line = DemoReportTest.summary(List.of()).keyValueLine();
    assertEquals("labeled=2711 requests=289 scored=289 accuracy=0.7551 model_version=7 freshness_p50_ms=412.0"
        + " score_p99_ms=4.500 dlq=0", line);
    Map<String, String> parsed = parse(line);
    assertEquals(DemoSummary.LINE_KEYS, List.copyOf(parsed.keySet()));
  }

  @Test
  void aMissingFigureIsNaNWhichParsesBack() {
    DemoSummary s = new DemoSummary(List.of("uci"), 5, 1, 1, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1,
        2, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3, 0, 0, List.of());
    Map<String, String> parsed = parse(s.keyValueLine());
    assertTrue(Double.isNaN(Double.parseDouble(parsed.get("accuracy"))));
    assertTrue(Double.isNaN(Double.parseDouble(parsed.get("freshness_p50_ms"))));
    assertEquals("3", parsed.get("dlq"));
  }

  @Test
  void humanSummaryNamesTheFigures() {
    String text = DemoReportTest.summary(List.of()).humanReadable();
    assertTrue(text.startsWith("StreamNet demo: uci + imdb"), text);
    assertTrue(text.contains("prequential accuracy 0.7551"), text);
    assertTrue(text.contains("epoch 1, version 7"), text);
    assertTrue(text.contains("289 of 289 requests"), text);
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
