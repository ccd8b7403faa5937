package io.streamnet.jobs.cli;

import java.util.List;
import java.util.Objects;

/**
 * What the report draws: a trainer figure over the stream and a reference beside it, each named by its metric key
 * (the keys of the curve's points in summary.json) and by a label for the chart's legend.
 *
 * @param valueKey       the metric key of the points' value, e.g. {@code accuracy}, {@code hr_at_10}
 * @param valueLabel     the legend of the value
 * @param referenceKey   the metric key of the points' reference, e.g. {@code window_accuracy}, {@code pop_hr_at_10}
 * @param referenceLabel the legend of the reference
 * @param axisLabel      the y axis' title
 * @param points         in stream order
 */
public record LearningCurve(String valueKey, String valueLabel, String referenceKey, String referenceLabel,
                            String axisLabel, List<CurvePoint> points) {
  public LearningCurve {
    Objects.requireNonNull(valueKey, "valueKey");
    Objects.requireNonNull(valueLabel, "valueLabel");
    Objects.requireNonNull(referenceKey, "referenceKey");
    Objects.requireNonNull(referenceLabel, "referenceLabel");
    Objects.requireNonNull(axisLabel, "axisLabel");
    points = List.copyOf(points);
  }
}
