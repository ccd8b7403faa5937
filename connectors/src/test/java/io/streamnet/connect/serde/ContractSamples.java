package io.streamnet.connect.serde;

import io.streamnet.connect.validate.ModelSnapshotValidator;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterHeader;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.ScoredItem;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.SnapshotKind;
import io.streamnet.schema.TrainingMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;

/** One realistic, valid instance of every contract, for round-trip and validation tests. */
public final class ContractSamples {

  public static final Instant T0 = Instant.parse("2018-09-24T14:27:30.123Z");

  private ContractSamples() {}

  public static ReviewEvent review() {
    return ReviewEvent.newBuilder()
        .setId("uci-amazon-0")
        .setText("So there is no way for me to plug it in here in the US unless I go by a converter.")
        .setLabel(0)
        .setRating(null)
        .setEventTime(T0)
        .build();
  }

  public static Interaction interaction() {
    return Interaction.newBuilder().setUserId(610).setItemId(160_080).setRating(3.5f).setClicked(null)
        .setEventTime(Instant.ofEpochSecond(1_493_848_402L)).build();
  }

  public static RecoRequest recoRequest() {
    return RecoRequest.newBuilder().setRequestId("req-1").setUserId(42).setK(10)
        .setCandidateItemIds(List.of(1L, 318L, 2571L)).setEventTime(T0).build();
  }

  public static SentimentScore sentimentScore() {
    return SentimentScore.newBuilder().setId("uci-amazon-0").setProbability(0.125).setPredictedLabel(0)
        .setModelId("sentiment-S").setModelEpoch(1).setModelVersion(17).setScoredAt(T0).setLatencyMicros(850).build();
  }

  public static Recommendation recommendation() {
    return Recommendation.newBuilder().setRequestId("req-1").setUserId(42)
        .setItems(List.of(new ScoredItem(318L, 0.91), new ScoredItem(2571L, 0.88), new ScoredItem(1L, 0.5)))
        .setModelId("reco-R").setModelEpoch(2).setModelVersion(3).setScoredAt(T0).setLatencyMicros(1200).build();
  }

  public static ModelSnapshot modelSnapshot() {
    ByteBuffer params = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    return ModelSnapshot.newBuilder().setModelId("sentiment-S").setEpoch(1).setVersion(18).setCreatedAt(T0)
        .setCheckpointId(7L).setNetworkSpec("{\"layers\":[]}").setKind(SnapshotKind.DELTA).setBaseEpoch(1L)
        .setBaseVersion(17L).setParameters(params).setMetrics(Map.of("prequential.accuracy", 0.83))
        .setSha256(ModelSnapshotValidator.sha256Hex(params)).setSignature(null).build();
  }

  public static TrainingMetrics trainingMetrics() {
    return TrainingMetrics.newBuilder().setModelId("sentiment-S").setModelEpoch(1).setModelVersion(18).setSubtask(0)
        .setStep(5_000).setExamplesSeen(160_000).setWindowExamples(3_200).setLoss(0.41)
        .setMetrics(Map.of("accuracy", 0.83, "auc", Double.NaN)).setDriftDetected(false).setEmittedAt(T0).build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder().setSourceTopic("sentiment.labeled").setSourcePartition(2).setSourceOffset(99)
        .setSourceTimestamp(T0).setReason(DeadLetterReason.NO_MAGIC_BYTE).setMessage("first byte is 0x7b")
        .setSchemaId(null).setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
        .setHeaders(List.of(new DeadLetterHeader("trace", ByteBuffer.wrap(new byte[] {9}))))
        .setDeadLetteredAt(T0.plusSeconds(1)).build();
  }

  /** Every sample, one per contract. */
  public static List<SpecificRecordBase> all() {
    return List.of(review(), interaction(), recoRequest(), sentimentScore(), recommendation(), modelSnapshot(),
        trainingMetrics(), deadLetter());
  }
}
