package io.streamnet.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the demo's report folder: {@code learning-curve.png} (the task's learning curve against labeled events:
 * sentiment, prequential beside windowed accuracy; recommendation, the model's HR@10 beside POP's) and
 * {@code summary.json} (every figure of the {@link DemoSummary}, the run's settings, the curve).
 */
public final class DemoReport {
  public static final String CHART_FILE = "learning-curve.png";
  public static final String SUMMARY_FILE = "summary.json";
  public static final int CHART_WIDTH = 960;
  public static final int CHART_HEIGHT = 560;

  private DemoReport() {}

  /** The files written. */
  public record Written(Path chart, Path summary) {}

  /**
   * Writes both files into {@code dir} (created if missing; files of an earlier run are replaced).
   *
   * @param settings how the run was made (seed, rate, ...), stored under {@code "settings"} in the JSON
   */
  public static Written write(Path dir, DemoSummary summary, Map<String, Object> settings) {
    try {
      Files.createDirectories(dir);
      Path chart = dir.resolve(CHART_FILE);
      BufferedImage image = LearningCurveChart.render(summary.learned().curve(),
          "StreamNet online learning: " + String.join(" + ", summary.datasets()), CHART_WIDTH, CHART_HEIGHT);
      if (!ImageIO.write(image, "png", chart.toFile())) {
        throw new IllegalStateException("this JVM has no PNG writer (javax.imageio)");
      }
      Path json = dir.resolve(SUMMARY_FILE);
      Map<String, Object> content = new LinkedHashMap<>(summary.toMap());
      content.put("settings", new LinkedHashMap<>(settings));
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), content);
      return new Written(chart, json);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the demo report to " + dir + ": " + e.getMessage(), e);
    }
  }
}
