package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.ModelSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the tail of a snapshots topic backwards, one window of offsets per partition at a time: first the last
 * {@code lookback} offsets of every partition, then windows twice as large before them, for the partitions the
 * caller still needs ({@code more}). Committed records only ({@code read_committed}); no consumer group, nothing
 * committed. Only records of the model are decoded: the key ({@code modelId} or {@code modelId:KIND}, as the job
 * writes it) is checked first, then the value's modelId.
 */
final class SnapshotTopicScan {

  /** What one partition has shown so far. */
  static final class PartitionSeen {
    /** The oldest version of the model seen in this partition, or null. */
    ModelVersion oldest;
    /** Whether the scan reached the partition's first offset. */
    boolean atBeginning;
  }

  /** Receives each record of the model (any order). */
  interface Visitor {
    void accept(ModelSnapshot snapshot);
  }

  private static final Duration POLL = Duration.ofMillis(100);
  private static final int MAX_WINDOW = 1 << 20;

  private final Properties props;
  private final String topic;
  private final String modelId;
  private final byte[] exactKey;
  private final byte[] keyPrefix;
  private final Deserializer<ModelSnapshot> values;
  private final int lookback;

  SnapshotTopicScan(Properties kafkaProps, String topic, String modelId, Deserializer<ModelSnapshot> values,
                    int lookback) {
    if (kafkaProps == null || kafkaProps.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
      throw new IllegalArgumentException("Kafka properties must hold bootstrap.servers");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("snapshots topic is empty");
    }
    if (modelId == null || modelId.isEmpty()) {
      throw new IllegalArgumentException("model id is empty");
    }
    if (values == null) {
      throw new IllegalArgumentException("a ModelSnapshot deserializer is needed");
    }
    if (lookback < 1) {
      throw new IllegalArgumentException("lookback must be >= 1, got " + lookback);
    }
    this.props = kafkaProps;
    this.topic = topic;
    this.modelId = modelId;
    this.exactKey = modelId.getBytes(StandardCharsets.UTF_8);
    this.keyPrefix = (modelId + ":").getBytes(StandardCharsets.UTF_8);
    this.values = values;
    this.lookback = lookback;
  }

  /**
   * Scans until every partition is at its beginning or {@code more} says it has seen enough.
   *
   * @param more whether a partition, given what it showed so far, must be read further back
   */
  void run(Visitor visitor, Predicate<PartitionSeen> more) {
    Duration timeout = timeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return;
      }
      List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, timeout);
      Map<TopicPartition, Long> windowEnd = new HashMap<>(consumer.endOffsets(all, timeout));
      Map<TopicPartition, PartitionSeen> seen = new HashMap<>();
      List<TopicPartition> active = new ArrayList<>();
      for (TopicPartition tp : all) {
        seen.put(tp, new PartitionSeen());
        if (windowEnd.get(tp) > begin.get(tp)) {
          active.add(tp);
        }
      }
      long window = lookback;
      while (!active.isEmpty()) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition tp : active) {
          from.put(tp, Math.max(begin.get(tp), windowEnd.get(tp) - window));
        }
        readWindows(consumer, active, from, windowEnd, seen, visitor, deadline, timeout);
        List<TopicPartition> next = new ArrayList<>();
        for (TopicPartition tp : active) {
          PartitionSeen s = seen.get(tp);
          windowEnd.put(tp, from.get(tp));
          s.atBeginning = from.get(tp) <= begin.get(tp);
          if (!s.atBeginning && more.test(s)) {
            next.add(tp);
          }
        }
        active = next;
        window = Math.min(window * 2, MAX_WINDOW);
      }
    }
  }

  /** Reads [from, windowEnd) of every active partition. */
  private void readWindows(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> active,
                           Map<TopicPartition, Long> from, Map<TopicPartition, Long> windowEnd,
                           Map<TopicPartition, PartitionSeen> seen, Visitor visitor, long deadline, Duration timeout) {
    consumer.assign(active);
    for (TopicPartition tp : active) {
      consumer.seek(tp, from.get(tp));
    }
    List<TopicPartition> reading = new ArrayList<>(active);
    while (!reading.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("reading the tail of topic '" + topic + "' for model '" + modelId
            + "' took longer than " + timeout + " (default.api.timeout.ms); partitions still being read: " + reading);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < windowEnd.get(tp)) {
          visit(r, seen.get(tp), visitor);
        }
      }
      List<TopicPartition> done = new ArrayList<>();
      for (TopicPartition tp : reading) {
        if (consumer.position(tp, timeout) >= windowEnd.get(tp)) {
          done.add(tp);
        }
      }
      if (!done.isEmpty()) {
        consumer.pause(done);
        reading.removeAll(done);
      }
    }
    consumer.resume(active);
  }

  private void visit(ConsumerRecord<byte[], byte[]> r, PartitionSeen seen, Visitor visitor) {
    if (r.value() == null || !keyMayMatch(r.key())) {
      return;
    }
    ModelSnapshot s;
    try {
      s = values.deserialize(r.topic(), r.headers(), r.value());
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot decode the ModelSnapshot at " + r.topic() + "-" + r.partition() + "@"
          + r.offset() + " (key '" + new String(r.key() == null ? new byte[0] : r.key(), StandardCharsets.UTF_8)
          + "'): " + e.getMessage(), e);
    }
    if (s == null || !modelId.equals(s.getModelId())) {
      return;
    }
    ModelVersion v = new ModelVersion(s.getEpoch(), s.getVersion());
    if (seen.oldest == null || v.compareTo(seen.oldest) < 0) {
      seen.oldest = v;
    }
    visitor.accept(s);
  }

  /** Records keyed by another model are skipped without decoding; unkeyed ones are decoded and checked. */
  private boolean keyMayMatch(byte[] key) {
    return key == null || Arrays.equals(key, exactKey)
        || key.length > keyPrefix.length && Arrays.equals(key, 0, keyPrefix.length, keyPrefix, 0, keyPrefix.length);
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.putAll(props);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamnet-published-versions-" + modelId);
    p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    return p;
  }

  private Duration timeout() {
    Object v = props.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    if (v == null) {
      return Duration.ofSeconds(60);
    }
    try {
      return Duration.ofMillis(Long.parseLong(v.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG + "=" + v + " is not a number");
    }
  }
}
