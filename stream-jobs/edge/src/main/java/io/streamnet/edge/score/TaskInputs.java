package io.streamnet.edge.score;

import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.ReviewEvent;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the edge reads for a task before any model of it exists: the record types of its topics and, for a keyed
 * task, the key of each (the same keys as the task's {@code KeyedTask.requestKey}/{@code labeledKey}).
 */
public record TaskInputs<R extends SpecificRecord, L extends SpecificRecord>(
    Class<R> requestType, ToLongFunction<R> requestKey, Class<L> labeledType, ToLongFunction<L> labeledKey) {

  /** The inputs of the task {@code name}. */
  public static TaskInputs<?, ?> of(String name) {
    return switch (name) {
      case SentimentTask.NAME -> new TaskInputs<ReviewEvent, ReviewEvent>(ReviewEvent.class, null, null, null);
      case RecommendationTask.NAME -> new TaskInputs<>(RecoRequest.class, RecoRequest::getUserId, Interaction.class,
          Interaction::getUserId);
      default -> throw new IllegalArgumentException("unknown task '" + name + "'");
    };
  }
}
