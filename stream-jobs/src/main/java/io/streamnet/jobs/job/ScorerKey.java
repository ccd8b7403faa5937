package io.streamnet.jobs.job;

import io.streamnet.jobs.task.KeyedTask;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Either;

/** The key of a keyed scorer's input: a labeled event's key (left) or a request's (right), as the task says. */
final class ScorerKey<L extends SpecificRecordBase, R extends SpecificRecordBase>
    implements KeySelector<Either<L, R>, Long> {
  private static final long serialVersionUID = 1L;
  private final KeyedTask<L, ?, R, ?, ?> task;

  ScorerKey(KeyedTask<L, ?, R, ?, ?> task) {
    this.task = task;
  }

  @Override
  public Long getKey(Either<L, R> in) {
    return in.isLeft() ? task.labeledKey(in.left()) : task.requestKey(in.right());
  }
}
