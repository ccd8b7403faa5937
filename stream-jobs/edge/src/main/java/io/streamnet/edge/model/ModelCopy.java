package io.streamnet.edge.model;

import io.streamnet.jobs.task.ServingModel;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scoring copy of a model and who is reading it. The store writes a copy only while no request is scored with it
 * ({@link #readers} is zero and it is not the served copy); a scoring thread never waits for the store.
 */
final class ModelCopy {
  final ServingModel model;
  /** The FULL version whose values the copy holds (with some delta against it on top); null when none yet. */
  ModelVersion full;
  final AtomicInteger readers = new AtomicInteger();

  ModelCopy(ServingModel model) {
    this.model = model;
  }
}
