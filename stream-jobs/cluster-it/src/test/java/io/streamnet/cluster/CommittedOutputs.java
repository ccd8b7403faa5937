package io.streamnet.cluster;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SentimentScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the job's answers and model snapshots as a {@code read_committed} consumer sees them, from the start of
 * each topic, noting when each record arrived: what the test counts, and when output resumed after a failure.
 */
final class CommittedOutputs implements AutoCloseable {
  /** A record and the {@link System#nanoTime()} at which this consumer received it. */
  record Seen<T>(long atNanos, T value) {}

  private final List<Seen<SentimentScore>> answers = new ArrayList<>();
  private final List<Seen<ModelSnapshot>> snapshots = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stop;
  private volatile RuntimeException failure;

  CommittedOutputs(String bootstrap, String registryUrl, String answersTopic, String snapshotsTopic) {
    RegistryConfig registry = RegistryConfig.of(registryUrl);
    SpecificRecordDecoder<SentimentScore> answerDecoder =
        new SpecificRecordDecoder<>(SchemaRegistries.connect(registry), SentimentScore.class);
    SpecificRecordDecoder<ModelSnapshot> snapshotDecoder =
        new SpecificRecordDecoder<>(SchemaRegistries.connect(registry), ModelSnapshot.class);
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 256 * 1024 * 1024);
    thread = new Thread(() -> {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
          new ByteArrayDeserializer())) {
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : List.of(answersTopic, snapshotsTopic)) {
          c.partitionsFor(topic, Duration.ofMinutes(1)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        while (!stop) {
          for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
            long at = System.nanoTime();
            synchronized (this) {
              if (r.topic().equals(answersTopic)) {
                answers.add(new Seen<>(at, answerDecoder.decode(r.value())));
              } else {
                snapshots.add(new Seen<>(at, snapshotDecoder.decode(r.value())));
              }
            }
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }, "committed-outputs");
    thread.setDaemon(true);
    thread.start();
  }

  synchronized List<Seen<SentimentScore>> answers() {
    check();
    return List.copyOf(answers);
  }

  synchronized List<Seen<ModelSnapshot>> snapshots() {
    check();
    return List.copyOf(snapshots);
  }

  /** The first answer received after {@code nanos} that {@code which} accepts, or null. */
  synchronized Seen<SentimentScore> firstAnswerAfter(long nanos, Predicate<SentimentScore> which) {
    return answers.stream().filter(s -> s.atNanos() > nanos && which.test(s.value())).findFirst().orElse(null);
  }

  /** The first snapshot received after {@code nanos} that {@code which} accepts, or null. */
  synchronized Seen<ModelSnapshot> firstSnapshotAfter(long nanos, Predicate<ModelSnapshot> which) {
    return snapshots.stream().filter(s -> s.atNanos() > nanos && which.test(s.value())).findFirst().orElse(null);
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("the read_committed consumer failed: " + failure, failure);
    }
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
