package io.streamnet.jobs.task.sentiment;

import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.schema.ExplainedToken;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.time.Instant;
import java.util.List;

/** A review's probability of being positive, by the served network, and, if configured, the tokens that made it. */
final class SentimentAnswerer implements Answerer<ReviewEvent, Void, SentimentScore> {
  private final TextHashingFeaturizer featurizer;
  private final IdBuffer ids = new IdBuffer();
  /** Null when answers carry no explanation. */
  private final ScoreExplainer explainer;

  /** @param explainTopK tokens in each answer's explanation, 0 for none */
  SentimentAnswerer(TextFeatures features, int explainTopK) {
    this.featurizer = new TextHashingFeaturizer(features.config());
    this.explainer = explainTopK > 0 ? new ScoreExplainer(features.config(), explainTopK) : null;
  }

  @Override
  public SentimentScore answer(ReviewEvent request, Void context, ServingModel model, ServingStamp stamp) {
    ids.clear();
    featurizer.featurize(request.getText(), ids);
    TextServingModel served = (TextServingModel) model;
    double p = served.predict(ids.array(), ids.size());
    List<ExplainedToken> explanation = explainer == null ? null : explainer.explain(served.network(), request.getText());
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
        .setExplanation(explanation)
        .build();
  }
}
