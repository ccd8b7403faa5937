package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurveChartTest {
  @Test
  void tickStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1, LearningCurveChart.niceStep(0.8), 1e-12);
    assertEquals(200, LearningCurveChart.niceStep(140), 1e-9);
    assertEquals(500, LearningCurveChart.niceStep(420), 1e-9);
    assertEquals(1000, LearningCurveChart.niceStep(600), 1e-9);
    assertEquals(10_000, LearningCurveChart.niceStep(10_000), 1e-9);
  }

  @Test
  void aSinglePointIsDrawnAsADot() {
    BufferedImage image = LearningCurveChart.render(List.of(new CurvePoint(32, 0.6, 0.6)), "t", 400, 300);
    boolean found = false;
    for (int y = 0; y < image.getHeight() && !found; y++) {
      for (int x = 0; x < image.getWidth() && !found; x++) {
        found = (image.getRGB(x, y) & 0xFFFFFF) == (LearningCurveChart.PREQUENTIAL.getRGB() & 0xFFFFFF);
      }
    }
    assertEquals(true, found, "the point is visible");
  }

  @Test
  void refusesAChartTooSmallForItsAxes() {
    assertThrows(IllegalArgumentException.class, () -> LearningCurveChart.render(List.of(), "t", 100, 100));
  }
}
