package io.streamnet.jobs.job;

import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;

/**
 * The sources and sinks of the job, given to it as parameters so that tests and the demo can plug in their own
 * (Kafka in production: {@link KafkaPipelineIo}). Sources yield {@code Either<DeadLetter, record>}: decoding never
 * throws, bad records come out as dead letters.
 *
 * @param feedback     the delayed-feedback loop's events read back (a recommendation job's ignored impressions), or
 *                     null for a job without the loop
 * @param feedbackSink where the loop writes them, or null
 * @param <L> the task's labeled events
 * @param <R> its requests
 * @param <O> its answers
 */
public record PipelineIo<L, R, O>(Source<Either<DeadLetter, L>, ?, ?> labeled,
                                  Source<Either<DeadLetter, R>, ?, ?> requests,
                                  Sink<O> answers,
                                  Sink<ModelSnapshot> snapshots,
                                  Sink<TrainingMetrics> metrics,
                                  Sink<DeadLetter> deadLetters,
                                  Source<Either<DeadLetter, L>, ?, ?> feedback,
                                  Sink<L> feedbackSink) {
  /** The sources and sinks of a job without a feedback loop. */
  public PipelineIo(Source<Either<DeadLetter, L>, ?, ?> labeled, Source<Either<DeadLetter, R>, ?, ?> requests,
                    Sink<O> answers, Sink<ModelSnapshot> snapshots, Sink<TrainingMetrics> metrics,
                    Sink<DeadLetter> deadLetters) {
    this(labeled, requests, answers, snapshots, metrics, deadLetters, null, null);
  }

  public PipelineIo {
    Objects.requireNonNull(labeled, "labeled");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(answers, "answers");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(deadLetters, "deadLetters");
    if ((feedback == null) != (feedbackSink == null)) {
      throw new IllegalArgumentException("a feedback loop needs both its source and its sink");
    }
  }

  /** These sources and sinks with {@code labeled} as the labeled source (tests plug in their own decoder). */
  public PipelineIo<L, R, O> withLabeled(Source<Either<DeadLetter, L>, ?, ?> other) {
    return new PipelineIo<>(other, requests, answers, snapshots, metrics, deadLetters, feedback, feedbackSink);
  }
}
