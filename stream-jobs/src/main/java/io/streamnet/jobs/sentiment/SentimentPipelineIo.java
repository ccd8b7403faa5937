package io.streamnet.jobs.sentiment;

import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;

/**
 * The sources and sinks of the sentiment job, given to it as parameters so that tests and the demo can plug in
 * their own (Kafka in production: {@link KafkaPipelineIo}). Sources yield {@code Either<DeadLetter, ReviewEvent>}:
 * decoding never throws, bad records come out as dead letters.
 */
public record SentimentPipelineIo(Source<Either<DeadLetter, ReviewEvent>, ?, ?> labeled,
                                  Source<Either<DeadLetter, ReviewEvent>, ?, ?> requests,
                                  Sink<SentimentScore> scores,
                                  Sink<ModelSnapshot> snapshots,
                                  Sink<TrainingMetrics> metrics,
                                  Sink<DeadLetter> deadLetters) {
  public SentimentPipelineIo {
    Objects.requireNonNull(labeled, "labeled");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }
}
