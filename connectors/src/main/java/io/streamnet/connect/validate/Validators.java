package io.streamnet.connect.validate;

import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;

/** The default validator of each contract. */
public final class Validators {

  private Validators() {}

  /** The contract's validator; {@link Validator#none()} for types without rules (e.g. DeadLetter). */
  @SuppressWarnings("unchecked")
  public static <T> Validator<T> forType(Class<T> type) {
    Validator<?> v;
    if (type == ReviewEvent.class) {
      v = new ReviewEventValidator();
    } else if (type == Interaction.class) {
      v = new InteractionValidator();
    } else if (type == RecoRequest.class) {
      v = new RecoRequestValidator();
    } else if (type == SentimentScore.class) {
      v = new SentimentScoreValidator();
    } else if (type == Recommendation.class) {
      v = new RecommendationValidator();
    } else if (type == ModelSnapshot.class) {
      v = new ModelSnapshotValidator();
    } else if (type == TrainingMetrics.class) {
      v = new TrainingMetricsValidator();
    } else {
      v = Validator.none();
    }
    return (Validator<T>) v;
  }
}
