package io.streamnet.jobs.sentiment;

import io.streamnet.jobs.train.TrainingExample;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.schema.ReviewEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Labeled review to hashed n-gram ids. Runs as its own task ahead of the trainer, so tokenizing and hashing overlap
 * with training on another core. The ingestion time (the Kafka record timestamp) rides along for freshness.
 * Text and label are present: {@link LabeledReviewValidator} dead-lettered the records without them.
 */
final class TextFeaturizer extends ProcessFunction<ReviewEvent, TrainingExample> {
  private static final long serialVersionUID = 1L;
  private final TextHashingConfig config;
  private transient TextHashingFeaturizer featurizer;
  private transient IdBuffer ids;

  TextFeaturizer(TextHashingConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    featurizer = new TextHashingFeaturizer(config);
    ids = new IdBuffer(1024);
  }

  @Override
  public void processElement(ReviewEvent r, Context ctx, Collector<TrainingExample> out) {
    long ingestedAt = ctx.timestamp() == null ? System.currentTimeMillis() : ctx.timestamp();
    // A reused buffer: only the example's own array is allocated, not the growing ones of a fresh buffer.
    ids.clear();
    featurizer.featurize(r.getText(), ids);
    out.collect(new TrainingExample(r.getId(), ids.toArray(), r.getLabel(), ingestedAt));
  }
}
