package io.streamnet.connect.validate;

import io.streamnet.schema.SentimentScore;
import java.util.List;

/** id and modelId not blank, probability in [0, 1], predicted label 0 or 1, non-negative version and latency. */
public final class SentimentScoreValidator implements Validator<SentimentScore> {

  @Override
  public List<String> violations(SentimentScore s) {
    return new Violations()
        .notBlank("id", s.getId())
        .inUnitInterval("probability", s.getProbability())
        .zeroOrOne("predictedLabel", s.getPredictedLabel(), false)
        .notBlank("modelId", s.getModelId())
        .nonNegative("modelEpoch", s.getModelEpoch())
        .nonNegative("modelVersion", s.getModelVersion())
        .nonNegative("latencyMicros", s.getLatencyMicros())
        .list();
  }
}
