package io.streamnet.connect.validate;

import io.streamnet.schema.TrainingMetrics;
import java.util.List;
import java.util.Map;

/** modelId not blank, counters non-negative, loss finite unless the window is empty, no infinite metric. */
public final class TrainingMetricsValidator implements Validator<TrainingMetrics> {

  @Override
  public List<String> violations(TrainingMetrics m) {
    Violations v = new Violations()
        .notBlank("modelId", m.getModelId())
        .nonNegative("modelEpoch", m.getModelEpoch())
        .nonNegative("modelVersion", m.getModelVersion())
        .nonNegative("subtask", m.getSubtask())
        .nonNegative("step", m.getStep())
        .nonNegative("examplesSeen", m.getExamplesSeen())
        .nonNegative("windowExamples", m.getWindowExamples())
        .check(m.getWindowExamples() == 0 || Double.isFinite(m.getLoss()),
            "loss must be finite for a non-empty window, was " + m.getLoss());
    for (Map.Entry<String, Double> e : m.getMetrics().entrySet()) {
      // NaN is allowed: a metric can be undefined over a window (e.g. AUC with one class only).
      v.check(!Double.isInfinite(e.getValue()), "metrics['" + e.getKey() + "'] must not be infinite, was " + e.getValue());
    }
    return v.list();
  }
}
