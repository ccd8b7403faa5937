package io.streamnet.jobs.model;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.DeltaTracker;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.testing.SmallTextModel;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PublishedVersions} against a real in-process broker, with an in-memory (mock://) registry. */
class PublishedVersionsIT {

  private static final RegistryConfig REGISTRY = RegistryConfig.of("mock://published-versions-it");
  private static final AtomicInteger TOPICS = new AtomicInteger();
  /** Stands in for weights where only versions matter. */
  private static final byte[] SMALL_PAYLOAD = "not weights".getBytes(StandardCharsets.UTF_8);

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    // A generous session timeout: on a busy 2-core machine a starved broker must not be fenced by its own controller.
    broker = EmbeddedKafkaBroker.start(Map.of("broker.session.timeout.ms", "60000"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void anEmptyOrMissingTopicHasNothingPublished() throws Exception {
    String topic = createTopic(3);
    assertEquals(Optional.empty(), PublishedVersions.latest(clientProps(), topic, "m", REGISTRY));
    assertEquals(Optional.empty(), PublishedVersions.latestModel(clientProps(), topic, "m", REGISTRY));

    String missing = "never.created." + TOPICS.incrementAndGet();
    assertEquals(Optional.empty(), PublishedVersions.latest(clientProps(), missing, "m", REGISTRY));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertFalse(admin.listTopics().names().get().contains(missing), "looking must not create the topic");
    }
  }

  @Test
  void findsTheNewestVersionOfEachModelAmongOthers() {
    String topic = createTopic(3);
    try (KafkaProducer<byte[], ModelSnapshot> producer = producer(null)) {
      for (int v = 1; v <= 5; v++) {
        send(producer, topic, 0, "a:DELTA", snapshot("a", 1, v, SnapshotKind.DELTA));
      }
      send(producer, topic, 1, "a:FULL", snapshot("a", 2, 1, SnapshotKind.FULL));
      send(producer, topic, 0, "a:DELTA", snapshot("a", 2, 2, SnapshotKind.DELTA));
      // Keyed by the bare model id (the schema's convention) rather than modelId:KIND (the job's).
      send(producer, topic, 2, "a", snapshot("a", 2, 3, SnapshotKind.DELTA));
      send(producer, topic, 1, "b", snapshot("b", 5, 10, SnapshotKind.FULL));
      // Model c's only record is buried under far more records of b than the first window reads.
      send(producer, topic, 2, "c:FULL", snapshot("c", 1, 7, SnapshotKind.FULL));
      List<Future<RecordMetadata>> filler = new ArrayList<>();
      for (int i = 0; i < 3 * PublishedVersions.LOOKBACK; i++) {
        filler.add(producer.send(new ProducerRecord<>(topic, 2, "b".getBytes(StandardCharsets.UTF_8),
            snapshot("b", 5, 11 + i, SnapshotKind.FULL))));
      }
      producer.flush();
      filler.forEach(PublishedVersionsIT::await);
    }
    assertEquals(Optional.of(new ModelVersion(2, 3)), PublishedVersions.latest(clientProps(), topic, "a", REGISTRY));
    assertEquals(Optional.of(new ModelVersion(5, 10 + 3 * PublishedVersions.LOOKBACK)),
        PublishedVersions.latest(clientProps(), topic, "b", REGISTRY));
    assertEquals(Optional.of(new ModelVersion(1, 7)), PublishedVersions.latest(clientProps(), topic, "c", REGISTRY));
    assertEquals(Optional.empty(), PublishedVersions.latest(clientProps(), topic, "d", REGISTRY));
    assertEquals(Optional.empty(), PublishedVersions.latest(clientProps(), topic, "a:", REGISTRY),
        "a key prefix is not a model id");
  }

  @Test
  void abortedAndOpenTransactionsAreNotSeen() throws Exception {
    String topic = createTopic(1);
    try (KafkaProducer<byte[], ModelSnapshot> committed = producer("pv-committed-" + topic)) {
      committed.initTransactions();
      committed.beginTransaction();
      for (int v = 1; v <= 3; v++) {
        send(committed, topic, 0, "t:FULL", snapshot("t", 1, v, SnapshotKind.FULL));
      }
      committed.commitTransaction();
      committed.beginTransaction();
      send(committed, topic, 0, "t:FULL", snapshot("t", 9, 9, SnapshotKind.FULL));
      committed.flush();
      committed.abortTransaction();
    }
    assertEquals(Optional.of(new ModelVersion(1, 3)), PublishedVersions.latest(clientProps(), topic, "t", REGISTRY));

    try (KafkaProducer<byte[], ModelSnapshot> open = producer("pv-open-" + topic)) {
      open.initTransactions();
      open.beginTransaction();
      send(open, topic, 0, "t:FULL", snapshot("t", 8, 8, SnapshotKind.FULL));
      open.flush(); // written, not committed: beyond the last stable offset
      assertEquals(Optional.of(new ModelVersion(1, 3)), PublishedVersions.latest(clientProps(), topic, "t", REGISTRY));
      ModelVersion atLatest = PublishedVersions.latestModel(clientProps(), topic, "t", REGISTRY).orElseThrow().version();
      assertEquals(new ModelVersion(1, 3), atLatest);
      open.commitTransaction();
    }
    // The commit markers reach the partition shortly after commitTransaction() returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Optional<ModelVersion> seen = PublishedVersions.latest(clientProps(), topic, "t", REGISTRY);
    while (!seen.equals(Optional.of(new ModelVersion(8, 8))) && System.nanoTime() < deadline) {
      seen = PublishedVersions.latest(clientProps(), topic, "t", REGISTRY);
    }
    assertEquals(Optional.of(new ModelVersion(8, 8)), seen, "once committed the record counts");
  }

  @Test
  void latestModelReproducesThePublishedWeights() {
    String topic = createTopic(2);
    Network live = SmallTextModel.build();
    SmallTextModel stream = new SmallTextModel(21);
    DeltaTracker tracker = new DeltaTracker(live);
    try (KafkaProducer<byte[], ModelSnapshot> producer = producer(null)) {
      stream.train(live, 2, 16);
      publish(producer, topic, "s", new ModelVersion(1, 1), null, tracker.full());
      for (int v = 2; v <= 4; v++) {
        stream.train(live, 2, 16);
        publish(producer, topic, "s", new ModelVersion(1, v), new ModelVersion(1, 1), tracker.delta());
      }
      publish(producer, topic, "other", new ModelVersion(3, 3), null, SMALL_PAYLOAD);
      producer.flush();
      PublishedModel onlyFull = PublishedVersions.latestModel(clientProps(), topic, "s", REGISTRY).orElseThrow();
      assertEquals(new ModelVersion(1, 1), PublishedModel.versionOf(onlyFull.full()));
      assertEquals(new ModelVersion(1, 4), onlyFull.version(), "full e1v1 + newest delta e1v4");
      assertBitIdentical(live, onlyFull.applyTo(Network.withoutInitialization(SmallTextModel.spec(), false)),
          "weights from full e1v1 + delta e1v4");

      stream.train(live, 2, 16);
      publish(producer, topic, "s", new ModelVersion(1, 5), null, tracker.full());
      producer.flush();
      PublishedModel newFull = PublishedVersions.latestModel(clientProps(), topic, "s", REGISTRY).orElseThrow();
      assertNull(newFull.delta(), "the deltas before the new full one do not apply to it");
      assertEquals(new ModelVersion(1, 5), newFull.version());

      stream.train(live, 2, 16);
      publish(producer, topic, "s", new ModelVersion(2, 1), new ModelVersion(1, 5), tracker.delta());
      producer.flush();
    }
    PublishedModel model = PublishedVersions.latestModel(clientProps(), topic, "s", REGISTRY).orElseThrow();
    assertEquals(new ModelVersion(1, 5), PublishedModel.versionOf(model.full()));
    assertEquals(new ModelVersion(2, 1), model.version());
    Network warm = model.applyTo(Network.build(SmallTextModel.spec()));
    assertBitIdentical(live, warm, "weights from full e1v5 + delta e2v1");
    assertEquals(2, model.payloads().size());
    assertEquals(Optional.of(new ModelVersion(3, 3)), PublishedVersions.latestModel(clientProps(), topic, "other",
        REGISTRY).map(PublishedModel::version));
  }

  @Test
  void aPayloadThatDoesNotMatchItsChecksumIsRefused() {
    String topic = createTopic(1);
    ModelSnapshot tampered = ModelSnapshot.newBuilder(snapshot("x", 1, 1, SnapshotKind.FULL))
        .setSha256("0".repeat(64)).build();
    try (KafkaProducer<byte[], ModelSnapshot> producer = producer(null)) {
      send(producer, topic, 0, "x:FULL", tampered);
      producer.flush();
    }
    PublishedModel model = PublishedVersions.latestModel(clientProps(), topic, "x", REGISTRY).orElseThrow();
    IllegalStateException e = assertThrows(IllegalStateException.class, model::payloads);
    assertTrue(e.getMessage().contains("e1v1") && e.getMessage().contains("'x'"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String createTopic(int partitions) {
    String topic = "model.snapshots.it." + TOPICS.incrementAndGet();
    try (TopicAdmin admin = TopicAdmin.connect(broker.bootstrapServers())) {
      admin.ensure(List.of(new TopicSpec(topic, partitions, (short) 1, Map.of("cleanup.policy", "compact"))));
    }
    return topic;
  }

  private static Properties clientProps() {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", broker.bootstrapServers());
    p.setProperty("default.api.timeout.ms", "30000");
    return p;
  }

  private static KafkaProducer<byte[], ModelSnapshot> producer(String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(p, new ByteArraySerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(REGISTRY), AvroSerdeConfig.of(REGISTRY), false));
  }

  /** Sends and waits for the broker's acknowledgement (or, in a transaction, for the write). */
  private static void send(KafkaProducer<byte[], ModelSnapshot> producer, String topic, int partition, String key,
                           ModelSnapshot value) {
    await(producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value)));
  }

  private static void await(Future<RecordMetadata> sent) {
    try {
      sent.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("a test record was not written", e);
    }
  }

  /** Published as the job does: key modelId:KIND, partition by key hash (left to the producer). */
  private static void publish(KafkaProducer<byte[], ModelSnapshot> producer, String topic, String modelId,
                              ModelVersion v, ModelVersion base, byte[] payload) {
    ModelSnapshot s = snapshot(modelId, v.epoch(), v.version(), base == null ? SnapshotKind.FULL : SnapshotKind.DELTA,
        base, payload);
    await(producer.send(new ProducerRecord<>(topic, (modelId + ":" + s.getKind()).getBytes(StandardCharsets.UTF_8), s)));
  }

  private static ModelSnapshot snapshot(String modelId, long epoch, long version, SnapshotKind kind) {
    ModelVersion base = kind == SnapshotKind.DELTA ? new ModelVersion(epoch, 0) : null;
    return snapshot(modelId, epoch, version, kind, base, SMALL_PAYLOAD);
  }

  private static ModelSnapshot snapshot(String modelId, long epoch, long version, SnapshotKind kind,
                                        ModelVersion base, byte[] payload) {
    return ModelSnapshot.newBuilder()
        .setModelId(modelId)
        .setEpoch(epoch)
        .setVersion(version)
        .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + version))
        .setCheckpointId(null)
        .setNetworkSpec(SmallTextModel.spec().toJson())
        .setKind(kind)
        .setBaseEpoch(base == null ? null : base.epoch())
        .setBaseVersion(base == null ? null : base.version())
        .setParameters(ByteBuffer.wrap(payload))
        .setMetrics(Map.of())
        .setSha256(SnapshotPayload.sha256Hex(payload))
        .setSignature(null)
        .build();
  }
}
