package io.streamnet.jobs.job;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing inputs, reading outputs and waiting, for the job's integration tests. */
final class PipelineFixture {
  static final Duration DEADLINE = Duration.ofMinutes(5);

  private final KafkaRegistryEnvironment env;
  final RegistryConfig registry;

  PipelineFixture(KafkaRegistryEnvironment env) {
    this.env = env;
    this.registry = RegistryConfig.of(env.registryUrl());
  }

  java.util.Properties kafkaProperties() {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", bootstrap());
    return p;
  }

  String bootstrap() {
    return env.bootstrapServers();
  }

  /** Single-partition topics: one arrival order, so runs are comparable bit for bit. */
  void createTopics(String... topics) {
    TestKafka.createTopics(bootstrap(), topics);
  }

  /**
   * Registers each topic's value schema before a job starts. The test registry (Apicurio on in-memory H2) can time
   * out on a table lock when several sink subtasks register new subjects at the same moment, and then stays stuck
   * for tens of seconds; a registry of record (Confluent's, Apicurio on PostgreSQL) does not. Registered first, the
   * job's writers find their schemas and register nothing.
   */
  void registerValueSchemas(Map<String, Schema> schemaByTopic) {
    SchemaRegistryClient client = SchemaRegistries.connect(registry);
    schemaByTopic.forEach((topic, schema) -> client.register(topic + "-value", schema));
  }

  /** A snapshot topic configured as the job's (compacted, 128 MiB messages: a full model is tens of MB). */
  void createSnapshotTopic(String topic) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.ensure(List.of(new TopicSpec(topic, 1, (short) 1,
          StreamNetTopics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS))));
    }
  }

  /** Sends records in order (idempotent producer), waiting for all acknowledgements. */
  void produce(String topic, List<? extends SpecificRecord> values, java.util.function.Function<Object, String> key) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(registry), AvroSerdeConfig.of(registry), false))) {
      for (SpecificRecord v : values) {
        producer.send(new ProducerRecord<>(topic, key.apply(v), v));
      }
      producer.flush();
    }
  }

  void produceRaw(String topic, List<ProducerRecord<byte[], byte[]>> records) {
    TestKafka.produce(bootstrap(), records);
  }

  /**
   * Settings of a job on this environment: reading {@code labeled} and {@code requests}, writing to topics named
   * after {@code run} (created here, the snapshot topic as the job's, their value schemas registered), checkpoints
   * every second into {@code checkpoints}, restarts after 200 ms.
   */
  Map<String, String> jobSettings(String run, String labeled, String requests, Path checkpoints) {
    Map<String, String> o = new java.util.HashMap<>();
    o.put("kafka.bootstrap_servers", bootstrap());
    o.put("registry.url", env.registryUrl());
    o.put("kafka.group_id", "it-" + run);
    o.put("kafka.starting_offsets", "earliest");
    o.put("kafka.transaction_id_prefix", "it-" + run);
    o.put("topics.labeled", labeled);
    o.put("topics.requests", requests);
    o.put("topics.scores", run + ".scores");
    o.put("topics.snapshots", run + ".snapshots");
    o.put("topics.dead_letters", run + ".dlq");
    o.put("topics.metrics", run + ".metrics");
    o.put("checkpointing.interval_ms", "1000");
    o.put("checkpointing.directory", checkpoints.toUri().toString());
    o.put("restart.strategy", "fixed_delay");
    o.put("restart.delay_ms", "200");
    createTopics(run + ".scores", run + ".dlq", run + ".metrics");
    createSnapshotTopic(run + ".snapshots");
    registerValueSchemas(Map.of(run + ".scores", SentimentScore.getClassSchema(), run + ".dlq",
        DeadLetter.getClassSchema(), run + ".metrics", TrainingMetrics.getClassSchema(), run + ".snapshots",
        ModelSnapshot.getClassSchema()));
    return o;
  }

  static ReviewEvent review(String id, String text, Integer label) {
    return new ReviewEvent(id, text, label, Instant.ofEpochMilli(0), null);
  }

  /** Every committed record of {@code topic} (read_committed), decoded as {@code type}, in offset order. */
  <T extends SpecificRecord> List<T> readAll(String topic, Class<T> type) {
    SpecificRecordDecoder<T> decoder = new SpecificRecordDecoder<>(SchemaRegistries.connect(registry), type);
    List<T> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readRaw(topic)) {
      out.add(decoder.decode(r.value()));
    }
    return out;
  }

  List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 256 * 1024 * 1024);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end offsets " + end);
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The last snapshot on {@code topic}, which a finished bounded job publishes FULL. */
  ModelSnapshot finalSnapshot(String topic) {
    List<ModelSnapshot> all = readAll(topic, ModelSnapshot.class);
    if (all.isEmpty()) {
      throw new AssertionError("no committed snapshot on " + topic);
    }
    return all.get(all.size() - 1);
  }

  static byte[] bytes(java.nio.ByteBuffer b) {
    java.nio.ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /** Waits for {@code condition}, polling; fails with {@code what} after the deadline. */
  static void await(String what, BooleanSupplier condition) {
    await(what, condition, Duration.ofMillis(20));
  }

  /**
   * Waits for {@code condition}, checking it every {@code interval}: a condition that reads a whole topic of model
   * snapshots (tens of MB) checked every 20 ms would take the CPU from the job it waits for.
   */
  static void await(String what, BooleanSupplier condition, Duration interval) {
    await(what, condition, () -> "", interval);
  }

  /** As {@link #await(String, BooleanSupplier, Duration)}, the failure naming what {@code state} last saw. */
  static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state,
                    Duration interval) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String seen = state.get();
        throw new AssertionError("timed out waiting for " + what + (seen.isEmpty() ? "" : " (" + seen + ")"));
      }
      java.util.concurrent.locks.LockSupport.parkNanos(interval.toNanos());
    }
  }

  /** Completed checkpoints under a Flink checkpoint directory: chk-N folders holding _metadata, newest last. */
  static List<Path> completedCheckpoints(Path checkpointRoot) {
    if (!Files.isDirectory(checkpointRoot)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(checkpointRoot, 2)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.isRegularFile(p.resolve("_metadata")))
          .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Optional<Path> latestCheckpoint(Path checkpointRoot) {
    List<Path> all = completedCheckpoints(checkpointRoot);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The versions on a snapshot topic only increase, and the last one is above {@code lastOfA} in epoch and version:
   * a job restored from run A's checkpoint continued above everything run A published.
   */
  static void assertVersionsIncreaseAndContinueAbove(List<ModelSnapshot> all, ModelSnapshot lastOfA) {
    ModelVersion previous = null;
    for (ModelSnapshot s : all) {
      ModelVersion v = new ModelVersion(s.getEpoch(), s.getVersion());
      if (previous != null) {
        org.junit.jupiter.api.Assertions.assertTrue(v.compareTo(previous) > 0, "version " + v + " after " + previous);
      }
      previous = v;
    }
    org.junit.jupiter.api.Assertions.assertTrue(previous != null && previous.epoch() > lastOfA.getEpoch()
        && previous.version() > lastOfA.getVersion(), "the restarted job continued above run A's last version "
        + lastOfA.getEpoch() + "/" + lastOfA.getVersion() + ": " + previous);
  }
}
