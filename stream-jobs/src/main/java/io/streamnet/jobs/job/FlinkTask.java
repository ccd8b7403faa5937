package io.streamnet.jobs.job;

import io.streamnet.connect.validate.Validator;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.online.StreamExample;
import java.io.Serializable;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A task with what the Flink job needs of it beyond the task itself: how its examples travel between operators, how
 * its records are validated as they are decoded (invalid ones become dead letters), and the Kafka key of its answers.
 *
 * @param examples         Flink's type of the task's examples (a hand-written serializer where it pays)
 * @param labeledValidator what makes a labeled event learnable
 * @param requestValidator what makes a request answerable
 * @param answerKey        the Kafka key of an answer (its request's id)
 * @param contexts         Flink's type of the scorer's per-key context, for a {@link KeyedTask}; null otherwise
 * @param feedback         what a delayed-feedback loop needs of the task; null for a task without one
 */
public record FlinkTask<L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
    O extends SpecificRecordBase>(Task<L, E, R, C, O> task, TypeInformation<E> examples,
                                  Validator<? super L> labeledValidator, Validator<? super R> requestValidator,
                                  SerializableFunction<O, String> answerKey, TypeInformation<C> contexts,
                                  FeedbackHooks<L, R, O> feedback) implements Serializable {
  public FlinkTask {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(examples, "examples");
    Objects.requireNonNull(labeledValidator, "labeledValidator");
    Objects.requireNonNull(requestValidator, "requestValidator");
    Objects.requireNonNull(answerKey, "answerKey");
    if ((task instanceof KeyedTask) != (contexts != null)) {
      throw new IllegalArgumentException("a keyed task needs the type of its scorer's context, other tasks none");
    }
  }

  /** Whether the scorer keeps state per key ({@link KeyedTask}). */
  public boolean keyed() {
    return task instanceof KeyedTask;
  }
}
