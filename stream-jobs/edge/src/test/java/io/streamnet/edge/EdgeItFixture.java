package io.streamnet.edge;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
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

/** Topics, records in and committed records out, and bounded waits, for the edge scorer's integration tests. */
final class EdgeItFixture {
  private final KafkaRegistryEnvironment env;
  final RegistryConfig registry;
  final SchemaRegistryClient registryClient;

  EdgeItFixture(KafkaRegistryEnvironment env) {
    this.env = env;
    this.registry = RegistryConfig.of(env.registryUrl());
    this.registryClient = SchemaRegistries.connect(registry);
  }

  String bootstrap() {
    return env.bootstrapServers();
  }

  String registryUrl() {
    return env.registryUrl();
  }

  Properties kafkaProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    return p;
  }

  void createTopics(int partitions, String... topics) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      List<TopicSpec> specs = new ArrayList<>();
      for (String t : topics) {
        specs.add(new TopicSpec(t, partitions, (short) 1, Map.of()));
      }
      admin.ensure(specs);
    }
  }

  /** A snapshots topic configured as the job's (compacted, large messages). */
  void createSnapshotTopic(String topic) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.ensure(List.of(new TopicSpec(topic, 1, (short) 1,
          StreamNetTopics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS))));
    }
  }

  /**
   * Registers value schemas before any writer starts: the test registry (Apicurio on in-memory H2) can stall on a
   * table lock when several writers register new subjects at once.
   */
  void registerValueSchemas(Map<String, Schema> schemaByTopic) {
    schemaByTopic.forEach((topic, schema) -> registryClient.register(topic + "-value", schema));
  }

  /** A producer of Avro records in the Confluent wire format (idempotent, acks=all). */
  KafkaProducer<String, SpecificRecord> producer() {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(),
        new AvroKafkaSerializer<>(registryClient, AvroSerdeConfig.of(registry), false));
  }

  /** Sends {@code values} in order, waiting for every acknowledgement. */
  void produce(String topic, List<? extends SpecificRecord> values, Function<Object, String> key) {
    try (KafkaProducer<String, SpecificRecord> producer = producer()) {
      for (SpecificRecord v : values) {
        producer.send(new ProducerRecord<>(topic, key.apply(v), v));
      }
      producer.flush();
    }
  }

  /** A read_committed consumer of raw records, assigned nothing yet. */
  KafkaConsumer<byte[], byte[]> committedConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Every committed record of {@code topic} now, decoded as {@code type}. */
  <T extends SpecificRecord> List<T> readCommitted(String topic, Class<T> type) {
    SpecificRecordDecoder<T> decoder = new SpecificRecordDecoder<>(registryClient, type);
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = committedConsumer()) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end offsets " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(decoder.decode(r.value()));
        }
      }
    }
    return out;
  }

  /**
   * The edge scorer's configuration on this environment: {@code body} (the app, topics and tasks sections) with the
   * cluster, {@code kafkaProperties} for Kafka Streams and its clients, and the registry.
   */
  String edgeYaml(String body, Map<String, String> kafkaProperties) {
    StringBuilder y = new StringBuilder(body).append("\nkafka:\n  bootstrap_servers: ").append(bootstrap())
        .append("\n  properties:\n");
    kafkaProperties.forEach((k, v) -> y.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    if (kafkaProperties.isEmpty()) {
      y.setLength(y.length() - "  properties:\n".length());
    }
    return y.append("registry:\n  url: ").append(registryUrl()).append('\n').toString();
  }

  /**
   * Waits for {@code condition}, checking it every {@code interval}, at most {@code deadline}; the failure names what
   * was awaited and what {@code state} last saw.
   */
  static void await(String what, BooleanSupplier condition, Supplier<String> state, Duration interval,
                    Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what + " ("
            + state.get() + ")");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(interval.toNanos());
    }
  }
}
