package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    BufferedImage image = LearningCurveChart.render(DemoReportTest.accuracyCurve(List.of(new CurvePoint(32, 0.6,
        0.6))), "t", 400, 300);
    boolean found = false;
    for (int y = 0; y < image.getHeight() && !found; y++) {
      for (int x = 0; x < image.getWidth() && !found; x++) {
        found = (image.getRGB(x, y) & 0xFFFFFF) == (LearningCurveChart.VALUE.getRGB() & 0xFFFFFF);
      }
    }
    assertEquals(true, found, "the point is visible");
  }

  @Test
  void refusesAChartTooSmallForItsAxes() {
    assertThrows(IllegalArgumentException.class,
        () -> LearningCurveChart.render(DemoReportTest.accuracyCurve(List.of()), "t", 100, 100));
  }

  @Test
  void theYAxisSpansRoundValuesAroundTheFiguresWithinZeroAndOne() {
    // Accuracies: steps of 0.1 from below the lowest to above the highest.
    assertArrayEquals(new double[] {0.5, 0.9, 0.1}, LearningCurveChart.yRange(new double[] {0.55, 0.62, 0.87}), 1e-9);
    // Hit rates: a range up to 0.3 gets steps of 0.05, from 0.
    assertArrayEquals(new double[] {0, 0.35, 0.05}, LearningCurveChart.yRange(new double[] {0.03, 0.14, 0.31}),
        1e-9);
    // A flat curve still spans one step; values at 1 stop at 1.
    assertArrayEquals(new double[] {0.15, 0.2, 0.05}, LearningCurveChart.yRange(new double[] {0.17, 0.17}), 1e-9);
    assertArrayEquals(new double[] {0.95, 1, 0.05}, LearningCurveChart.yRange(new double[] {1, 1}), 1e-9);
    assertArrayEquals(new double[] {0, 1, 0.1}, LearningCurveChart.yRange(new double[0]), 1e-9);
  }
}
