package io.streamnet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.edge.metrics.EdgeMetrics;
import io.streamnet.edge.metrics.PrometheusText;
import io.streamnet.edge.model.LiveModel;
import io.streamnet.edge.model.SnapshotOutcome;
import io.streamnet.edge.score.TaskRoute;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.reco.RecoExample;
import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.nn.snapshot.DeltaTracker;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.ScoredItem;
import io.streamnet.schema.SentimentScore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge topology in Kafka Streams' {@code TopologyTestDriver}: snapshots through the global store, requests of
 * both tasks answered with the task's own answerer, bit for bit, and everything that must not happen (a version going
 * back, a delta on the wrong base, a corrupt snapshot served, a request lost before the first model).
 */
class EdgeTopologyTest {
  static final String SNAPSHOTS = "model.snapshots";
  static final String DLQ = "streamnet.dlq";
  static final TaskRoute SENTIMENT = new TaskRoute("sentiment", "sent", "sentiment.requests", null,
      "sentiment.scores", DLQ, 3, 50);
  static final TaskRoute RECO = new TaskRoute("recommendation", "reco", "reco.requests", "reco.interactions",
      "reco.recommendations", DLQ, 100, 50);

  final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("edge-test-" + UUID.randomUUID());
  final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>(registry,
      AvroSerdeConfig.of(RegistryConfig.of("mock://edge-test")), false);
  final EdgeMetrics metrics = new EdgeMetrics(System::currentTimeMillis);
  TopologyTestDriver driver;
  Map<String, SigningKey> keys = Map.of();

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  void start(TaskRoute... routes) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "edge-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(EdgeTopology.build(List.of(routes), SNAPSHOTS, registry, true, Duration.ZERO, keys, metrics), p,
        Instant.ofEpochMilli(1_000_000));
  }

  TestInputTopic<byte[], byte[]> input(String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void send(String topic, SpecificRecord value) {
    input(topic).pipeInput(null, serializer.serialize(topic, value), Instant.ofEpochMilli(999_000));
  }

  <T extends SpecificRecord> List<T> read(String topic, Class<T> type) {
    TestOutputTopic<String, byte[]> out = driver.createOutputTopic(topic, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    SpecificRecordDecoder<T> decoder = new SpecificRecordDecoder<>(registry, type);
    return out.readValuesToList().stream().map(decoder::decode).toList();
  }

  static ReviewEvent review(String id, String text) {
    return new ReviewEvent(id, text, null, Instant.ofEpochMilli(5), null);
  }

  LiveModel model(String id) {
    return metrics.model(id);
  }

  @Test
  void sentimentAnswersEqualTheTasksOwnAnswererOnTheServedVersion() {
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    var learner = task.newLearner(null);
    byte[] v1 = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 1), v1));
    send(SENTIMENT.requestsTopic(), review("r1", "a fine film"));
    send(SENTIMENT.requestsTopic(), review("r2", "dull and long"));

    List<SentimentScore> scores = read(SENTIMENT.answersTopic(), SentimentScore.class);
    assertEquals(2, scores.size());
    ServingModel reference = EdgeFixtures.served(task, v1);
    for (SentimentScore s : scores) {
      SentimentScore expected = (SentimentScore) EdgeFixtures.answer(task, review(s.getId(),
          s.getId().equals("r1") ? "a fine film" : "dull and long"), null, reference, "sent", new ModelVersion(1, 1));
      assertEquals(expected.getProbability(), s.getProbability(), 0.0, "bit-identical probability");
      assertEquals(1, s.getModelEpoch());
      assertEquals(1, s.getModelVersion());
      assertEquals("sent", s.getModelId());
    }
    assertEquals(List.of("r1", "r2"), scores.stream().map(SentimentScore::getId).toList());
  }

  @Test
  void anOlderVersionArrivingLaterIsIgnoredAndTheServedVersionNeverGoesBack() {
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    var learner = task.newLearner(null);
    byte[] older = SnapshotPayload.full(learner.content());
    EdgeFixtures.nudge(learner.content(), 0.5f);
    byte[] newer = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(2, 1), newer));
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 9), older));
    send(SENTIMENT.requestsTopic(), review("r", "a fine film"));

    SentimentScore s = read(SENTIMENT.answersTopic(), SentimentScore.class).get(0);
    assertEquals(new ModelVersion(2, 1), new ModelVersion(s.getModelEpoch(), s.getModelVersion()));
    SentimentScore expected = (SentimentScore) EdgeFixtures.answer(task, review("r", "a fine film"), null,
        EdgeFixtures.served(task, newer), "sent", new ModelVersion(2, 1));
    assertEquals(expected.getProbability(), s.getProbability(), 0.0);
    assertEquals(1, model("sent").count(SnapshotOutcome.STALE));
    assertTrue(PrometheusText.render(metrics).contains(
        "streamnet_edge_snapshots_total{model_id=\"sent\",outcome=\"stale\"} 1"));
  }

  @Test
  void aDeltaIsAppliedOnItsBaseAndOneReadBeforeItsBaseWaitsForIt() {
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    var learner = task.newLearner(null);
    DeltaTracker tracker = new DeltaTracker(learner.content());
    byte[] full = tracker.full();
    EdgeFixtures.nudge(learner.content(), 0.25f);
    byte[] delta1 = tracker.delta();
    EdgeFixtures.nudge(learner.content(), 0.25f);
    byte[] delta2 = tracker.delta();
    ModelVersion f = new ModelVersion(1, 1);
    // The compacted topic may hold a model's last DELTA before its last FULL (other keys, other order).
    send(SNAPSHOTS, EdgeFixtures.delta(task, "sent", new ModelVersion(1, 2), f, delta1));
    assertNull(model("sent").current());
    assertEquals(1, model("sent").count(SnapshotOutcome.AWAITING_BASE));
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", f, full));
    assertEquals(new ModelVersion(1, 2), model("sent").current().version(), "the waiting delta is applied on it");
    send(SNAPSHOTS, EdgeFixtures.delta(task, "sent", new ModelVersion(1, 3), f, delta2));
    send(SENTIMENT.requestsTopic(), review("r", "a fine film"));

    SentimentScore s = read(SENTIMENT.answersTopic(), SentimentScore.class).get(0);
    assertEquals(3, s.getModelVersion());
    SentimentScore expected = (SentimentScore) EdgeFixtures.answer(task, review("r", "a fine film"), null,
        EdgeFixtures.served(task, SnapshotPayload.full(learner.content())), "sent", new ModelVersion(1, 3));
    assertEquals(expected.getProbability(), s.getProbability(), 0.0, "full + latest delta = the live model");
    // A delta against another FULL than the one served is not applied.
    send(SNAPSHOTS, EdgeFixtures.delta(task, "sent", new ModelVersion(1, 4), new ModelVersion(1, 0), delta2));
    assertEquals(new ModelVersion(1, 3), model("sent").current().version());
  }

  @Test
  void aSnapshotWhoseChecksumFailsIsRefusedCountedAndNeverServed() {
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    var learner = task.newLearner(null);
    byte[] good = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 1), good));
    EdgeFixtures.nudge(learner.content(), 1f);
    byte[] tampered = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.snapshot(task, "sent", new ModelVersion(1, 2), null, tampered,
        SnapshotPayload.sha256Hex(good)));
    // Not a snapshot at all.
    input(SNAPSHOTS).pipeInput(null, new byte[] {0, 0, 0, 0, 1, 2}, Instant.ofEpochMilli(999_000));

    assertEquals(new ModelVersion(1, 1), model("sent").current().version());
    assertEquals(1, model("sent").count(SnapshotOutcome.REFUSED_CHECKSUM));
    assertEquals(1, model("sent").count(SnapshotOutcome.SERVED));
    assertEquals(1, metrics.store().undecodable());
    String text = PrometheusText.render(metrics);
    assertTrue(text.contains("streamnet_edge_snapshots_total{model_id=\"sent\",outcome=\"refused_checksum\"} 1"),
        text);
    // A refused snapshot is no newer version to catch up with.
    assertTrue(text.contains("streamnet_edge_snapshot_lag_versions{model_id=\"sent\",task=\"sentiment\"} 0"), text);
  }

  @Test
  void requestsBeforeAnyModelWaitUpToTheBoundThenAreDeadLetteredAndTheRestAnsweredWhenAModelArrives() {
    start(SENTIMENT); // buffer limit 3
    for (int i = 0; i < 5; i++) {
      send(SENTIMENT.requestsTopic(), review("r" + i, "text " + i));
    }
    assertTrue(read(SENTIMENT.answersTopic(), SentimentScore.class).isEmpty());
    List<DeadLetter> dead = read(DLQ, DeadLetter.class);
    assertEquals(2, dead.size());
    assertTrue(dead.stream().allMatch(d -> d.getReason() == DeadLetterReason.SCORER_BUFFER_FULL));
    assertEquals(3, metrics.tasks().iterator().next().bufferedNow());

    SentimentTask task = EdgeFixtures.sentiment();
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 1),
        SnapshotPayload.full(task.newLearner(null).content())));
    driver.advanceWallClockTime(Duration.ofMillis(100)); // the punctuation finds the model
    List<SentimentScore> answered = read(SENTIMENT.answersTopic(), SentimentScore.class);
    assertEquals(List.of("r0", "r1", "r2"), answered.stream().map(SentimentScore::getId).toList());
    assertEquals(0, metrics.tasks().iterator().next().bufferedNow());
    assertEquals(3, metrics.tasks().iterator().next().answeredFromBuffer());
    String text = PrometheusText.render(metrics);
    assertTrue(text.contains("streamnet_edge_buffer_overflow_total{task=\"sentiment\"} 2"), text);
    assertTrue(text.contains("streamnet_edge_dead_letters_total{task=\"sentiment\",reason=\"SCORER_BUFFER_FULL\"} 2"),
        text);
  }

  @Test
  void aRequestThatIsNotAValidRecordIsDeadLetteredWithItsReasonAndTheNextOneAnswered() {
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 1),
        SnapshotPayload.full(task.newLearner(null).content())));
    input(SENTIMENT.requestsTopic()).pipeInput(null, "plain text".getBytes(), Instant.ofEpochMilli(999_000));
    send(SENTIMENT.requestsTopic(), review("ok", "a fine film"));

    List<DeadLetter> dead = read(DLQ, DeadLetter.class);
    assertEquals(1, dead.size());
    assertEquals(DeadLetterReason.NO_MAGIC_BYTE, dead.get(0).getReason());
    assertEquals(SENTIMENT.requestsTopic(), dead.get(0).getSourceTopic());
    assertEquals(List.of("ok"), read(SENTIMENT.answersTopic(), SentimentScore.class).stream()
        .map(SentimentScore::getId).toList());
  }

  @Test
  void recommendationsExcludeWhatTheUserInteractedWithAndEqualTheTasksOwnAnswerer() {
    start(RECO);
    RecommendationTask task = EdgeFixtures.recommendation();
    OnlineLearner<RecoExample> learner = EdgeFixtures.trainedRecommender(EdgeFixtures.interactions(0, 400));
    byte[] full = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "reco", new ModelVersion(1, 1), full));

    UserHistory history = task.emptyContext();
    long user = 3;
    for (long item : new long[] {101, 103, 105}) {
      Interaction i = new Interaction(user, item, 5f, null, Instant.ofEpochMilli(10_000 + item));
      send(RECO.labeledTopic(), i);
      task.update(history, i);
    }
    send(RECO.labeledTopic(), new Interaction(4L, 107L, 5f, null, Instant.ofEpochMilli(20_000))); // another user
    RecoRequest request = new RecoRequest("q1", user, 10, null, Instant.ofEpochMilli(30_000));
    send(RECO.requestsTopic(), request);

    List<Recommendation> out = read(RECO.answersTopic(), Recommendation.class);
    assertEquals(1, out.size());
    Recommendation got = out.get(0);
    List<Long> items = got.getItems().stream().map(ScoredItem::getItemId).toList();
    assertEquals(10, items.size());
    for (long seen : new long[] {101, 103, 105}) {
      assertFalse(items.contains(seen), "item " + seen + " the user interacted with is recommended: " + items);
    }
    Recommendation expected = (Recommendation) EdgeFixtures.answer(task, request, history,
        EdgeFixtures.served(task, full), "reco", new ModelVersion(1, 1));
    assertEquals(expected.getItems(), got.getItems(), "same items, bit-identical scores");
    assertEquals(1, got.getModelVersion());
  }

  @Test
  void aKeyedTasksInteractionsBeforeTheFirstModelAreAllKeptAndMakeTheHistoryTheWaitingRequestsAreAnsweredWith() {
    start(RECO); // request buffer: 100
    RecommendationTask task = EdgeFixtures.recommendation();
    UserHistory history = task.emptyContext();
    send(RECO.requestsTopic(), new RecoRequest("q1", 3L, 5, null, Instant.ofEpochMilli(2)));
    // More interactions than the request buffer holds: they are not requests, none is dropped.
    for (int i = 0; i < 150; i++) {
      Interaction e = new Interaction(3L, 101L + 2 * (i % 60), 5f, null, Instant.ofEpochMilli(3 + i));
      send(RECO.labeledTopic(), e);
      task.update(history, e);
    }
    send(RECO.requestsTopic(), new RecoRequest("q2", 3L, 5, null, Instant.ofEpochMilli(200)));
    assertTrue(read(RECO.answersTopic(), Recommendation.class).isEmpty());
    assertTrue(read(DLQ, DeadLetter.class).isEmpty(), "nothing dead-lettered");

    OnlineLearner<RecoExample> learner = EdgeFixtures.trainedRecommender(EdgeFixtures.interactions(0, 400));
    byte[] full = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "reco", new ModelVersion(1, 1), full));
    driver.advanceWallClockTime(Duration.ofMillis(100));

    // As the Flink scorer: the labeled events update the history at once, the waiting requests are answered with
    // the history as it is when the model comes.
    List<Recommendation> out = read(RECO.answersTopic(), Recommendation.class);
    assertEquals(List.of("q1", "q2"), out.stream().map(Recommendation::getRequestId).toList());
    ServingModel reference = EdgeFixtures.served(task, full);
    ModelVersion v = new ModelVersion(1, 1);
    for (Recommendation r : out) {
      Recommendation expected = (Recommendation) EdgeFixtures.answer(task, new RecoRequest(r.getRequestId(), 3L, 5,
          null, Instant.EPOCH), history, reference, "reco", v);
      assertEquals(expected.getItems(), r.getItems());
      for (ScoredItem item : r.getItems()) {
        assertFalse(history.hasInteracted(item.getItemId()), "recommended an item the user interacted with");
      }
    }
  }

  @Test
  void withKeysConfiguredOnlySnapshotsSignedByOneOfThemAreServedAndRefusalsAreCounted() {
    SigningKey oldKey = new SigningKey("old", new byte[32]);
    SigningKey newKey = new SigningKey("new", "the next key, thirty-two bytes long".getBytes());
    keys = Map.of("old", oldKey, "new", newKey); // during a rotation both are held
    start(SENTIMENT);
    SentimentTask task = EdgeFixtures.sentiment();
    var learner = task.newLearner(null);
    byte[] v1 = SnapshotPayload.full(learner.content());
    send(SNAPSHOTS, EdgeFixtures.full(task, "sent", new ModelVersion(1, 1), v1));
    assertNull(model("sent").current(), "an unsigned snapshot is never served");
    send(SNAPSHOTS, SnapshotSignature.sign(EdgeFixtures.full(task, "sent", new ModelVersion(1, 2), v1), oldKey));
    assertEquals(new ModelVersion(1, 2), model("sent").current().version());
    EdgeFixtures.nudge(learner.content(), 0.5f);
    byte[] v3 = SnapshotPayload.full(learner.content());
    ModelSnapshot signed = SnapshotSignature.sign(EdgeFixtures.full(task, "sent", new ModelVersion(1, 3), v3), newKey);
    ModelSnapshot tampered = ModelSnapshot.newBuilder(signed).setVersion(4).build();
    send(SNAPSHOTS, tampered);
    assertEquals(new ModelVersion(1, 2), model("sent").current().version(), "a changed snapshot is never served");
    send(SNAPSHOTS, SnapshotSignature.sign(EdgeFixtures.full(task, "sent", new ModelVersion(1, 5), v3),
        new SigningKey("retired", new byte[32])));
    send(SNAPSHOTS, signed);
    assertEquals(new ModelVersion(1, 3), model("sent").current().version());
    assertEquals(3, model("sent").count(SnapshotOutcome.REFUSED_SIGNATURE));
    assertTrue(PrometheusText.render(metrics).contains(
        "streamnet_edge_snapshots_total{model_id=\"sent\",outcome=\"refused_signature\"} 3"));
  }
}
