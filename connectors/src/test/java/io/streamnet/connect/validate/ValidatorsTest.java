package io.streamnet.connect.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.serde.ContractSamples;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.ScoredItem;
import io.streamnet.schema.ExplainedToken;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.SnapshotKind;
import io.streamnet.schema.TrainingMetrics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

  @Test
  void everySampleIsValid() {
    for (SpecificRecordBase sample : ContractSamples.all()) {
      @SuppressWarnings("unchecked")
      Validator<SpecificRecordBase> v = (Validator<SpecificRecordBase>) Validators.forType(sample.getClass());
      assertEquals(List.of(), v.violations(sample), sample.getSchema().getName());
    }
  }

  @Test
  void eachContractHasItsOwnValidator() {
    assertInstanceOf(ReviewEventValidator.class, Validators.forType(ReviewEvent.class));
    assertInstanceOf(InteractionValidator.class, Validators.forType(Interaction.class));
    assertInstanceOf(RecoRequestValidator.class, Validators.forType(RecoRequest.class));
    assertInstanceOf(SentimentScoreValidator.class, Validators.forType(SentimentScore.class));
    assertInstanceOf(RecommendationValidator.class, Validators.forType(Recommendation.class));
    assertInstanceOf(ModelSnapshotValidator.class, Validators.forType(ModelSnapshot.class));
    assertInstanceOf(TrainingMetricsValidator.class, Validators.forType(TrainingMetrics.class));
    assertEquals(List.of(), Validators.forType(DeadLetter.class).violations(ContractSamples.deadLetter()));
  }

  @Test
  void reviewEvents() {
    ReviewEventValidator v = new ReviewEventValidator();
    assertViolations(v, ContractSamples.review(), r -> r.setText(null), "text must not be null");
    assertViolations(v, ContractSamples.review(), r -> r.setText(" \t\n"), "text must not be blank");
    assertViolations(v, ContractSamples.review(), r -> r.setId(""), "id must not be blank");
    assertViolations(v, ContractSamples.review(), r -> r.setLabel(-1), "label must be 0, 1 or null, was -1");
    assertViolations(v, ContractSamples.review(), r -> r.setRating(Float.POSITIVE_INFINITY),
        "rating must be a finite number, was Infinity");
    assertViolations(v, ContractSamples.review(), r -> r.setLabel(null)); // an unlabeled request is fine
    assertViolations(v, ContractSamples.review(), r -> {
      r.setText(null);
      r.setLabel(2);
    }, "text must not be null", "label must be 0, 1 or null, was 2");
  }

  @Test
  void interactions() {
    InteractionValidator v = new InteractionValidator();
    assertViolations(v, ContractSamples.interaction(), i -> i.setRating(Float.NaN), "rating must be a finite number, was NaN");
    assertViolations(v, ContractSamples.interaction(), i -> i.setUserId(-3), "userId must not be negative, was -3");
    assertViolations(v, ContractSamples.interaction(), i -> i.setRating(null), "one of rating and clicked must be present");
    assertViolations(v, ContractSamples.interaction(), i -> {
      i.setRating(null);
      i.setClicked(true);
    });
  }

  @Test
  void recoRequests() {
    RecoRequestValidator v = new RecoRequestValidator();
    assertViolations(v, ContractSamples.recoRequest(), r -> r.setK(0), "k must be at least 1, was 0");
    assertViolations(v, ContractSamples.recoRequest(), r -> r.setCandidateItemIds(List.of()),
        "candidateItemIds must be null (whole catalogue) or non-empty, was empty");
    assertViolations(v, ContractSamples.recoRequest(), r -> r.setCandidateItemIds(null));
  }

  @Test
  void scoresAndRecommendations() {
    assertViolations(new SentimentScoreValidator(), ContractSamples.sentimentScore(), s -> s.setProbability(1.5),
        "probability must be in [0, 1], was 1.5");
    assertViolations(new SentimentScoreValidator(), ContractSamples.sentimentScore(), s -> s.setProbability(Double.NaN),
        "probability must be in [0, 1], was NaN");
    assertViolations(new SentimentScoreValidator(), ContractSamples.sentimentScore(), s -> s.setPredictedLabel(3),
        "predictedLabel must be 0, 1, was 3");
    assertViolations(new SentimentScoreValidator(), ContractSamples.sentimentScore(),
        s -> s.setExplanation(List.of(new ExplainedToken("dull", -1.5), new ExplainedToken(" ", Double.NaN))),
        "explanation[1].token must not be blank", "explanation[1].contribution must be a finite number, was NaN");
    assertEquals(List.of(), new SentimentScoreValidator().violations(SentimentScore.newBuilder(ContractSamples.sentimentScore())
        .setExplanation(List.of(new ExplainedToken("fine", 0.7))).build()));
    RecommendationValidator rv = new RecommendationValidator();
    assertViolations(rv, ContractSamples.recommendation(),
        r -> r.setItems(List.of(new ScoredItem(1L, 0.2), new ScoredItem(2L, 0.9))),
        "items must be best first, but items[1].score 0.9 > items[0].score 0.2");
    assertViolations(rv, ContractSamples.recommendation(),
        r -> r.setItems(List.of(new ScoredItem(1L, 0.9), new ScoredItem(1L, 0.8))), "items[1].itemId 1 appears twice");
  }

  @Test
  void modelSnapshotsMustMatchTheirHash() {
    ModelSnapshotValidator v = new ModelSnapshotValidator();
    assertViolations(v, ContractSamples.modelSnapshot(), s -> s.setParameters(ByteBuffer.wrap(new byte[] {1, 2, 3})),
        "sha256 47e4ee7f211f73265dd17658f6e21c1318bd6c81f37598e20a2756299542efcf does not match the parameters"
            + " (039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81)");
    assertViolations(v, ContractSamples.modelSnapshot(), s -> s.setBaseVersion(18L),
        "base (1, 18) must be older than (1, 18)");
    assertViolations(v, ContractSamples.modelSnapshot(), s -> s.setBaseEpoch(null), "a DELTA snapshot needs baseEpoch and baseVersion");
    assertViolations(v, ContractSamples.modelSnapshot(), s -> s.setKind(SnapshotKind.FULL),
        "a FULL snapshot must not name a base version");
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ModelSnapshotValidator.sha256Hex(ByteBuffer.allocate(0)), "SHA-256 of nothing");
  }

  @Test
  void trainingMetrics() {
    TrainingMetricsValidator v = new TrainingMetricsValidator();
    assertViolations(v, ContractSamples.trainingMetrics(), m -> m.setLoss(Double.NaN),
        "loss must be finite for a non-empty window, was NaN");
    assertViolations(v, ContractSamples.trainingMetrics(), m -> {
      m.setLoss(Double.NaN);
      m.setWindowExamples(0);
    });
    assertViolations(v, ContractSamples.trainingMetrics(), m -> m.setMetrics(Map.of("auc", Double.NEGATIVE_INFINITY)),
        "metrics['auc'] must not be infinite, was -Infinity");
  }

  private static <T> void assertViolations(Validator<T> validator, T record, Consumer<T> change, String... expected) {
    change.accept(record);
    assertEquals(List.of(expected), validator.violations(record));
  }

  @Test
  void countersCountPerReason() {
    DeadLetterCounters c = new DeadLetterCounters();
    c.recordAccepted();
    c.recordRejected(io.streamnet.schema.DeadLetterReason.CORRUPT_AVRO);
    c.recordRejected(io.streamnet.schema.DeadLetterReason.CORRUPT_AVRO);
    assertEquals(1, c.accepted());
    assertEquals(2, c.rejected(io.streamnet.schema.DeadLetterReason.CORRUPT_AVRO));
    assertEquals(2, c.rejectedTotal());
    assertTrue(c.toString().contains("CORRUPT_AVRO=2"), c.toString());
  }
}
