package io.streamnet.edge.model;

import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.snapshot.ModelVersion;

/**
 * One version of a model as served: which version, the task that answers with it, and its scoring copy. A scoring
 * thread takes it with {@link LiveModel#acquire()} and gives it back with {@link #release()} once the answer is
 * computed; until then the store does not write the copy.
 *
 * @param createdAtMillis when the trainer took the snapshot
 * @param appliedAtMillis when this store started serving it
 */
public record ServedModel(String modelId, ModelVersion version, ModelDescriptor descriptor, Task<?, ?, ?, ?, ?> task,
                          ModelCopy copy, long createdAtMillis, long appliedAtMillis) {

  /** The scoring copy; valid until {@link #release()}. */
  public ServingModel model() {
    return copy.model;
  }

  /** Ends a reading begun by {@link LiveModel#acquire()}. */
  public void release() {
    copy.readers.decrementAndGet();
  }
}
