package io.streamnet.jobs.task;

import io.streamnet.nn.snapshot.ModelContent;

/**
 * A scoring copy of a task's model. Snapshot payloads are applied onto its {@link ModelContent}; the task's
 * {@link Answerer} scores with it. Not thread-safe.
 */
public interface ServingModel extends ModelContent {
  /** The model spec it was built from (a FULL snapshot of another spec needs a new copy). */
  String modelSpecJson();
}
