package io.streamnet.jobs.job;

import io.streamnet.schema.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decoded records go on; dead letters (records that failed to decode or validate) go to {@link #DEAD_LETTERS}. */
final class DeadLetterSplit<T> extends ProcessFunction<Either<DeadLetter, T>, T> {
  private static final long serialVersionUID = 1L;
  static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", (TypeInformation<DeadLetter>) new AvroTypeInfo<>(DeadLetter.class));

  @Override
  public void processElement(Either<DeadLetter, T> value, Context ctx, Collector<T> out) {
    if (value.isRight()) {
      out.collect(value.right());
    } else {
      ctx.output(DEAD_LETTERS, value.left());
    }
  }
}
