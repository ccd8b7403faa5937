package io.streamnet.jobs.bench;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.SentimentScore;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the benchmark reads of a task's answers: which request each answers, the in-job latency it carries, the model
 * version that made it and when. Every task's answer contract has these fields, under its own names.
 *
 * @param type           the answer's Avro class
 * @param requestId      the id of the request it answers
 * @param latencyMicros  the request's Kafka timestamp to the answer's emission, as the job measured it
 * @param version        the model version that made it
 * @param scoredAtMillis when it was made (the job's clock)
 */
record AnswerFields<O extends SpecificRecord>(Class<O> type, Function<O, CharSequence> requestId,
                                              ToLongFunction<O> latencyMicros, Function<O, ModelVersion> version,
                                              ToLongFunction<O> scoredAtMillis) {
  static final AnswerFields<SentimentScore> SENTIMENT = new AnswerFields<>(SentimentScore.class,
      SentimentScore::getId, SentimentScore::getLatencyMicros,
      s -> new ModelVersion(s.getModelEpoch(), s.getModelVersion()), s -> s.getScoredAt().toEpochMilli());
  static final AnswerFields<Recommendation> RECOMMENDATION = new AnswerFields<>(Recommendation.class,
      Recommendation::getRequestId, Recommendation::getLatencyMicros,
      r -> new ModelVersion(r.getModelEpoch(), r.getModelVersion()), r -> r.getScoredAt().toEpochMilli());
}
