package io.streamnet.jobs.cli;

import io.streamnet.jobs.job.FlinkTask;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * How the demo reads the job's answers, whatever the task: their contract, the request each answers, and its in-job
 * latency (every answer contract has {@code latencyMicros}: the request's arrival to the answer).
 *
 * @param type      the answers' contract
 * @param requestId the id of the request an answer answers
 */
record AnswerReader<O extends SpecificRecord>(Class<O> type, Function<O, String> requestId) {
  static final String LATENCY_FIELD = "latencyMicros";

  AnswerReader {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(requestId, "requestId");
    Schema.Field latency = SpecificData.get().getSchema(type).getField(LATENCY_FIELD);
    if (latency == null || latency.schema().getType() != Schema.Type.LONG) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no long field " + LATENCY_FIELD);
    }
  }

  /** The answers of {@code task}. */
  static <O extends SpecificRecordBase> AnswerReader<O> of(FlinkTask<?, ?, ?, ?, O> task) {
    return new AnswerReader<>(task.task().answerType(), task.answerKey()::apply);
  }

  /** The answer's latency in microseconds. */
  long latencyMicros(O answer) {
    return (Long) answer.get(answer.getSchema().getField(LATENCY_FIELD).pos());
  }
}
