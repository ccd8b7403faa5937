package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportTest {
  @TempDir
  Path tmp;

  static DemoSummary summary(List<CurvePoint> curve) {
    Map<String, Double> learned = new LinkedHashMap<>();
    learned.put("accuracy", 0.7551);
    learned.put("window_accuracy", 0.78);
    learned.put("window_auc", 0.84);
    learned.put("logloss", 0.497);
    return new DemoSummary(new SentimentDemoTask(), List.of("uci", "imdb"), 2711, 289, 289, 289,
        new LearnedFigures(learned, accuracyCurve(curve)), 1, 7, 412.0, 980.5,
        new ScoreLatency(1.25, 4.5, 12, 850.0, 1210.5, java.util.List.of(4.5, 3.0, 2.5, 2.0)), 0, 3.2, 10.2);
  }

  static LearningCurve accuracyCurve(List<CurvePoint> points) {
    return new LearningCurve("accuracy", "prequential accuracy", "window_accuracy", "windowed accuracy", "accuracy",
        points);
  }

  static List<CurvePoint> rising(int points) {
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 1; i <= points; i++) {
      curve.add(new CurvePoint(i * 100L, 0.5 + 0.3 * i / points, 0.55 + 0.35 * i / points));
    }
    return curve;
  }

  @Test
  void writesAPngOfTheChartSizeAndAJsonWithEveryKey() throws Exception {
    Path dir = tmp.resolve("report");
    DemoReport.Written written = DemoReport.write(dir, summary(rising(30)), Map.of("seed", 42, "rate_events_per_s", 1000.0));

    assertEquals(dir.resolve("learning-curve.png"), written.chart());
    BufferedImage png = ImageIO.read(written.chart().toFile());
    assertEquals(DemoReport.CHART_WIDTH, png.getWidth());
    assertEquals(DemoReport.CHART_HEIGHT, png.getHeight());
    // Both series are drawn in their colours.
    assertTrue(count(png, LearningCurveChart.VALUE) > 200, "prequential line pixels");
    assertTrue(count(png, LearningCurveChart.REFERENCE) > 100, "windowed line pixels");

    JsonNode json = new ObjectMapper().readTree(written.summary().toFile());
    for (String key : List.of("task", "datasets", "labeled", "requests", "scored", "score_records", "accuracy",
        "window_accuracy", "window_auc", "logloss", "model_epoch", "model_version", "freshness_p50_ms",
        "freshness_p99_ms", "score_p50_ms", "score_p99_ms", "dlq", "replay_s", "elapsed_s", "curve", "settings")) {
      assertTrue(json.has(key), "summary.json lacks " + key);
    }
    assertEquals(2711, json.get("labeled").asLong());
    assertEquals(0.7551, json.get("accuracy").asDouble());
    assertEquals(7, json.get("model_version").asLong());
    assertEquals("imdb", json.get("datasets").get(1).asText());
    assertEquals(30, json.get("curve").size());
    assertEquals(3000, json.get("curve").get(29).get("events").asLong());
    assertEquals(0.8, json.get("curve").get(29).get("accuracy").asDouble(), 1e-12);
    assertEquals(0.9, json.get("curve").get(29).get("window_accuracy").asDouble(), 1e-12);
    assertEquals("sentiment", json.get("task").asText());
    assertEquals(42, json.get("settings").get("seed").asInt());
  }

  @Test
  void missingFiguresAreNullAndAnEmptyCurveStillDraws() throws Exception {
    DemoSummary s = new DemoSummary(new SentimentDemoTask(), List.of("uci"), 10, 1, 1, 1,
        new SentimentDemoTask().figures(null, List.of(), null), 1, 1, Double.NaN, Double.NaN, ScoreLatency.UNKNOWN, 0,
        0.1, 1.0);
    DemoReport.Written written = DemoReport.write(tmp, s, Map.of());
    assertEquals(DemoReport.CHART_WIDTH, ImageIO.read(written.chart().toFile()).getWidth());
    JsonNode json = new ObjectMapper().readTree(written.summary().toFile());
    assertTrue(json.get("accuracy").isNull());
    assertTrue(json.get("freshness_p50_ms").isNull());
    assertTrue(json.get("score_p99_ms").isNull());
    assertTrue(json.get("buffered_scored").isNull(), "an unknown count is null, not -1");
    assertEquals(0, json.get("curve").size());
  }

  @Test
  void anEarlierReportIsReplaced() throws Exception {
    Files.writeString(tmp.resolve(DemoReport.SUMMARY_FILE), "old");
    DemoReport.write(tmp, summary(rising(3)), Map.of());
    assertTrue(Files.readString(tmp.resolve(DemoReport.SUMMARY_FILE)).contains("\"labeled\" : 2711"));
  }

  private static int count(BufferedImage image, Color color) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }
}
