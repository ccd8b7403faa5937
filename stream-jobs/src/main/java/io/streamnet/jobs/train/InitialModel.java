package io.streamnet.jobs.train;

import io.streamnet.jobs.task.Task;
import java.io.Serializable;

/**
 * Where a trainer without checkpointed state gets its first model: a fresh one from the task's spec, or a warm start
 * (a model file, the latest version on the snapshots topic).
 */
@FunctionalInterface
public interface InitialModel extends Serializable {
  /**
   * The model state to start from (what {@code OnlineLearner.encodeModel} writes), or null for a fresh model from the
   * spec's seed; the task's learner checks that it fits its spec.
   */
  byte[] modelState(Task<?, ?, ?, ?, ?> task);

  /** A new model initialized from the spec's seed. */
  static InitialModel fresh() {
    return task -> null;
  }
}
