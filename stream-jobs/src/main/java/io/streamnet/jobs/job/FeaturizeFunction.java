package io.streamnet.jobs.job;

import io.streamnet.jobs.task.Featurizer;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.online.StreamExample;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A valid labeled event to its training example, by the task's featurizer. Runs as its own task ahead of the trainer,
 * so featurizing (tokenizing and hashing text, say) overlaps with training on another core. The ingestion time (the
 * Kafka record timestamp) rides along for freshness.
 */
final class FeaturizeFunction<L extends SpecificRecordBase, E extends StreamExample> extends ProcessFunction<L, E> {
  private static final long serialVersionUID = 1L;
  private final Task<L, E, ?, ?, ?> task;
  private transient Featurizer<L, E> featurizer;

  FeaturizeFunction(Task<L, E, ?, ?, ?> task) {
    this.task = task;
  }

  @Override
  public void open(OpenContext openContext) {
    featurizer = task.newFeaturizer();
  }

  @Override
  public void processElement(L labeled, Context ctx, Collector<E> out) {
    long ingestedAt = ctx.timestamp() == null ? System.currentTimeMillis() : ctx.timestamp();
    out.collect(featurizer.example(labeled, ingestedAt));
  }
}
