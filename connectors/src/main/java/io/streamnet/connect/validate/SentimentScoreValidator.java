package io.streamnet.connect.validate;

import io.streamnet.schema.ExplainedToken;
import io.streamnet.schema.SentimentScore;
import java.util.List;

/**
 * id and modelId not blank, probability in [0, 1], predicted label 0 or 1, non-negative version and latency; an
 * explanation, when present, of non-blank tokens with finite contributions.
 */
public final class SentimentScoreValidator implements Validator<SentimentScore> {

  @Override
  public List<String> violations(SentimentScore s) {
    Violations v = new Violations()
        .notBlank("id", s.getId())
        .inUnitInterval("probability", s.getProbability())
        .zeroOrOne("predictedLabel", s.getPredictedLabel(), false)
        .notBlank("modelId", s.getModelId())
        .nonNegative("modelEpoch", s.getModelEpoch())
        .nonNegative("modelVersion", s.getModelVersion())
        .nonNegative("latencyMicros", s.getLatencyMicros());
    List<ExplainedToken> explanation = s.getExplanation();
    if (explanation != null) {
      for (int i = 0; i < explanation.size(); i++) {
        v.notBlank("explanation[" + i + "].token", explanation.get(i).getToken())
            .finiteIfPresent("explanation[" + i + "].contribution", explanation.get(i).getContribution());
      }
    }
    return v.list();
  }
}
