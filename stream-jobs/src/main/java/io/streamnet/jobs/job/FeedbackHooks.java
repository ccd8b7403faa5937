package io.streamnet.jobs.job;

import io.streamnet.jobs.feedback.ImpressionOf;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;

/**
 * What a task's delayed-feedback loop needs of it: the event times of its labeled events and requests (the
 * watermarks' clock), what an answer served, and the Kafka key of a labeled event (the loop writes its events back as
 * labeled ones).
 */
public record FeedbackHooks<L, R, O>(SerializableFunction<L, Long> labeledTime,
                                     SerializableFunction<R, Long> requestTime, ImpressionOf<R, O> impression,
                                     SerializableFunction<L, String> labeledKey) implements Serializable {
  public FeedbackHooks {
    Objects.requireNonNull(labeledTime, "labeledTime");
    Objects.requireNonNull(requestTime, "requestTime");
    Objects.requireNonNull(impression, "impression");
    Objects.requireNonNull(labeledKey, "labeledKey");
  }
}
