package io.streamnet.jobs.task.sentiment;

import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.time.Instant;

/** A review's probability of being positive, by the served network. */
final class SentimentAnswerer implements Answerer<ReviewEvent, Void, SentimentScore> {
  private final TextHashingFeaturizer featurizer;
  private final IdBuffer ids = new IdBuffer();

  SentimentAnswerer(TextFeatures features) {
    this.featurizer = new TextHashingFeaturizer(features.config());
  }

  @Override
  public SentimentScore answer(ReviewEvent request, Void context, ServingModel model, ServingStamp stamp) {
    ids.clear();
    featurizer.featurize(request.getText(), ids);
    double p = ((TextServingModel) model).predict(ids.array(), ids.size());
    stamp.markScored();
    return SentimentScore.newBuilder()
        .setId(request.getId())
        .setProbability(p)
        .setPredictedLabel(p > 0.5 ? 1 : 0)
        .setModelId(stamp.modelId())
        .setModelEpoch(stamp.version().epoch())
        .setModelVersion(stamp.version().version())
        .setScoredAt(Instant.ofEpochMilli(stamp.scoredAtMillis()))
        .setLatencyMicros(stamp.latencyMicros())
        .build();
  }
}
