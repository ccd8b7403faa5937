package io.streamnet.jobs.cli;

import io.streamnet.jobs.job.FlinkTask;
import io.streamnet.jobs.task.Featurizer;
import io.streamnet.nn.online.StreamExample;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The id the trainer accounts a labeled record by (its example's id, in {@code applied_events} and the applied
 * digest), from the task's own featurizer. One per thread: a featurizer may reuse buffers.
 *
 * @param type       the labeled records' contract
 * @param featurizer the task's featurizer
 */
record TrainingIds<L extends SpecificRecordBase>(Class<L> type, Featurizer<L, ? extends StreamExample> featurizer) {
  TrainingIds {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(featurizer, "featurizer");
  }

  /** The ids of {@code task}'s labeled records. */
  static <L extends SpecificRecordBase> TrainingIds<L> of(FlinkTask<L, ?, ?, ?, ?> task) {
    return new TrainingIds<>(task.task().labeledType(), task.task().newFeaturizer());
  }

  /** The id of {@code record}, which must be of {@link #type()}. */
  String of(Object record) {
    return featurizer.example(type.cast(record), 0L).id();
  }
}
