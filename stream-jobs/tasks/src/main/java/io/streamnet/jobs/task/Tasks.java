package io.streamnet.jobs.task;

import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.jobs.task.sentiment.SentimentTask;

/** The tasks this release knows, by name: what a reader of snapshots builds a scorer from. */
public final class Tasks {
  private Tasks() {}

  /**
   * The task that serves the model a snapshot describes.
   *
   * @throws IllegalArgumentException for a task this release does not know, or a spec that does not fit it
   */
  public static Task<?, ?, ?, ?, ?> serving(ModelDescriptor d) {
    return switch (d.task()) {
      case SentimentTask.NAME -> SentimentTask.serving(d);
      case RecommendationTask.NAME -> RecommendationTask.serving(d);
      default -> throw new IllegalArgumentException("unknown task '" + d.task() + "' (this release knows: "
          + SentimentTask.NAME + ", " + RecommendationTask.NAME + ")");
    };
  }
}
