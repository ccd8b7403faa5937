package io.streamnet.jobs.bench;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's Kafka side: an in-process broker (or a broker of its own process, as in a deployment, when its
 * address is given), the in-memory registry shared by the job and the load generator
 * (hit once per schema, then cached), and the few things the benchmark does with them.
 */
final class BenchKafka implements AutoCloseable {
  static final RegistryConfig REGISTRY = RegistryConfig.of("mock://streamnet-bench");
  private static final Duration ADMIN_WAIT = Duration.ofSeconds(60);
  /** A full snapshot is tens of MB: a consumer of the snapshot topic must accept it whole. */
  private static final int SNAPSHOT_FETCH_BYTES = 256 * 1024 * 1024;

  /** The in-process broker; null when the benchmark uses one of its own process. */
  private final EmbeddedKafkaBroker broker;
  private final String bootstrap;

  private BenchKafka(EmbeddedKafkaBroker broker, String bootstrap) {
    this.broker = broker;
    this.bootstrap = bootstrap;
  }

  /** An in-process broker. */
  static BenchKafka start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new BenchKafka(broker, broker.bootstrapServers());
  }

  /** The broker at {@code bootstrap} when given (it outlives the benchmark), else an in-process one. */
  static BenchKafka start(String bootstrap) {
    return bootstrap == null ? start() : new BenchKafka(null, bootstrap);
  }

  String bootstrap() {
    return bootstrap;
  }

  /** One-partition topics (one arrival order), and the snapshot topic as the job needs it (compacted, 128 MiB). */
  void createTopics(Collection<String> plain, String snapshots) {
    List<TopicSpec> specs = new ArrayList<>();
    for (String t : plain) {
      specs.add(new TopicSpec(t, 1, (short) 1, Map.of()));
    }
    if (snapshots != null) {
      specs.add(new TopicSpec(snapshots, 1, (short) 1, StreamNetTopics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS)));
    }
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.ensure(specs);
    }
  }

  /** Deletes a finished run's topics, so that rounds of snapshots (tens of MB each) do not pile up on disk. */
  void deleteTopics(Collection<String> topics) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      admin.deleteTopics(topics).all().get(ADMIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting topics " + topics, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not delete topics " + topics + ": " + e.getMessage(), e);
    }
  }

  /**
   * An Avro producer (idempotent, acks=all) with the replayer's batching settings, and {@code overrides} over them
   * (the request generator sends each request at once: {@code linger.ms=0}).
   */
  KafkaProducer<String, SpecificRecord> producer(String clientId, Map<String, String> overrides) {
    return new KafkaProducer<>(ProducerSettings.of(bootstrap(), clientId, overrides), new StringSerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(REGISTRY), AvroSerdeConfig.of(REGISTRY), false));
  }

  /** A consumer of raw records, {@code read_committed} or not, with no group (it assigns partitions itself). */
  KafkaConsumer<byte[], byte[]> consumer(String clientId, boolean readCommitted) {
    return consumer(clientId, readCommitted, false);
  }

  /**
   * The same; a {@code lazy} one lets the broker wait up to 100 ms for 1 MB before answering a fetch (and does not
   * check CRCs): for readers
   * that need timings to a second only (committed visibility, snapshot versions), so that they do not add thousands of
   * fetch requests a second to the broker that shares the two cores with the job.
   */
  KafkaConsumer<byte[], byte[]> consumer(String clientId, boolean readCommitted, boolean lazy) {
    return consumer(clientId, readCommitted, lazy, new ByteArrayDeserializer());
  }

  /** The same with values as {@code values} gives them (a {@code ByteBufferDeserializer} does not copy them). */
  <V> KafkaConsumer<byte[], V> consumer(String clientId, boolean readCommitted, boolean lazy,
                                        Deserializer<V> values) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, SNAPSHOT_FETCH_BYTES);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, SNAPSHOT_FETCH_BYTES);
    if (lazy) {
      p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
      p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
      // the broker in this JVM checked the batches already; a CRC over a 10-15 MB snapshot batch runs in one
      // intrinsic that no safepoint can interrupt, which held the job's threads at GCs (-XX:+SafepointTimeout)
      p.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    }
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), values);
  }

  /** Every committed record of a one-partition {@code topic}, decoded, in offset order. */
  <T extends SpecificRecord> List<T> readCommitted(String topic, Class<T> type, Duration deadline) {
    SpecificRecordDecoder<T> decoder = new SpecificRecordDecoder<>(SchemaRegistries.connect(REGISTRY), type);
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = consumer("bench-read-" + topic, true)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      long until = System.nanoTime() + deadline.toNanos();
      while (c.position(tp) < end) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException("could not read " + topic + " to its end offset " + end + " within "
              + deadline.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(decoder.decode(r.value()));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
