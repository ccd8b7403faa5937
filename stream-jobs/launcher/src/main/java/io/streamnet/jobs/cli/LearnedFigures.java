package io.streamnet.jobs.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the trainer learned by the end of a demo, in its task's terms: its prequential figures (and the baselines'
 * on the same stream, where the task has them) by metric key, and the learning curve.
 *
 * @param values figures by key, in the order the report lists them; NaN where undefined
 * @param curve  the learning curve
 */
public record LearnedFigures(Map<String, Double> values, LearningCurve curve) {
  public LearnedFigures {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(curve, "curve");
  }

  /** The figure of {@code key}, NaN when absent. */
  public double get(String key) {
    Double v = values.get(key);
    return v == null ? Double.NaN : v;
  }
}
