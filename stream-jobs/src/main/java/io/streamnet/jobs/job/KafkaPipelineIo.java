package io.streamnet.jobs.job;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.serde.AvroRecordSerializationSchema;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.DecodingDeserializationSchema;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.TrainingMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's sources and sinks on Kafka, in the Confluent wire format against a schema registry. Sources read with
 * {@code read_committed}; every sink is exactly-once (transactional, committed with each checkpoint) unless the
 * delivery guarantee says otherwise, and the answers' sink may be at-least-once on its own (answers are keyed by
 * request id, so one written again after a failure replaces its twin: low latency at no cost in meaning). The snapshot
 * topic is keyed by {@code modelId:KIND}, so compaction keeps the last FULL and the last DELTA of each model: enough to
 * warm-start from the topic.
 */
public final class KafkaPipelineIo {

  /** Where the job's topics are. */
  public record Topics(String labeled, String requests, String scores, String snapshots, String deadLetters,
                       String metrics, String feedback) {
    /** The topics of a job without a feedback loop. */
    public Topics(String labeled, String requests, String scores, String snapshots, String deadLetters,
                  String metrics) {
      this(labeled, requests, scores, snapshots, deadLetters, metrics, null);
    }

    public Topics {
      Objects.requireNonNull(labeled, "labeled");
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(snapshots, "snapshots");
      Objects.requireNonNull(deadLetters, "deadLetters");
      Objects.requireNonNull(metrics, "metrics");
    }
  }

  /**
   * Where sources start when the job has no checkpoint: the group's committed offsets (else the earliest), the
   * earliest, the latest, or the first record at or after {@code timestampMs} of each partition (a replay from a time;
   * the latest where no record is that new).
   */
  public record StartingOffsets(Mode mode, long timestampMs) implements java.io.Serializable {
    public enum Mode { EARLIEST, LATEST, COMMITTED, TIMESTAMP }

    public StartingOffsets {
      Objects.requireNonNull(mode, "mode");
      if (mode == Mode.TIMESTAMP && timestampMs < 0) {
        throw new IllegalArgumentException("a start at a time needs a timestamp >= 0, got " + timestampMs);
      }
    }

    OffsetsInitializer initializer() {
      return switch (mode) {
        case EARLIEST -> OffsetsInitializer.earliest();
        case LATEST -> OffsetsInitializer.latest();
        case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        case TIMESTAMP -> OffsetsInitializer.timestamp(timestampMs);
      };
    }
  }

  /**
   * @param clientProperties   bootstrap.servers and any other Kafka client settings (security, ...)
   * @param bounded            stop each source at the end offsets it finds at start (tests, benchmarks)
   * @param guarantee          every sink's delivery guarantee (the checkpointing mode's) ...
   * @param answers            ... but the answers' sink's when weaker (at-least-once: written at once)
   * @param transactionalIdPrefix unique per job: each sink appends its own suffix
   * @param registryOutageLimit how long a source holds a record whose writer schema the unreachable registry cannot
   *                           give, retrying, before it dead-letters it
   * @param snapshotSigning    the key that signs the snapshots on the topic; null: unsigned
   */
  public record Settings(Properties clientProperties, RegistryConfig registry, Topics topics, String groupId,
                         StartingOffsets startingOffsets, boolean bounded, DeliveryGuarantee guarantee,
                         DeliveryGuarantee answers, String transactionalIdPrefix, Duration registryOutageLimit,
                         SigningKey snapshotSigning) {
    public Settings {
      Objects.requireNonNull(registryOutageLimit, "registryOutageLimit");
      Objects.requireNonNull(clientProperties, "clientProperties");
      Objects.requireNonNull(clientProperties.getProperty("bootstrap.servers"), "clientProperties: bootstrap.servers");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(topics, "topics");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(startingOffsets, "startingOffsets");
      Objects.requireNonNull(guarantee, "guarantee");
      Objects.requireNonNull(answers, "answers");
      Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    }
  }

  /** A full model S snapshot is tens of MB: the producer must accept it (the topic allows 128 MiB). */
  static final String MAX_SNAPSHOT_BYTES = String.valueOf(128 * 1024 * 1024);

  private KafkaPipelineIo() {}

  public static <L extends SpecificRecordBase, R extends SpecificRecordBase, O extends SpecificRecordBase>
      PipelineIo<L, R, O> create(Settings s, FlinkTask<L, ?, R, ?, O> task) {
    Topics t = s.topics();
    AvroSerdeConfig serde = AvroSerdeConfig.of(s.registry());
    SerializableFunction<O, String> key = task.answerKey();
    return new PipelineIo<>(
        source(s, t.labeled(), labeledDecoder(s, task), trainingFetchProperties()),
        source(s, t.requests(), new DecodingDeserializationSchema<>(task.task().requestType(), s.registry(),
            task.requestValidator(), s.registryOutageLimit())),
        sink(s, "scores", new AvroRecordSerializationSchema<>(t.scores(), task.task().answerType(), serde,
            answer -> utf8(key.apply(answer))), scoreProducerProperties(), answersGuarantee(s)),
        sink(s, "snapshots", SigningSnapshotSchema.of(new AvroRecordSerializationSchema<>(t.snapshots(),
            ModelSnapshot.class, serde, snapshotKey()), s.snapshotSigning()), snapshotProducerProperties(),
            s.guarantee()),
        sink(s, "metrics", new AvroRecordSerializationSchema<>(t.metrics(), TrainingMetrics.class, serde,
            m -> utf8(m.getModelId())), new Properties(), s.guarantee()),
        sink(s, "dlq", AvroRecordSerializationSchema.deadLetters(t.deadLetters(), serde), new Properties(),
            s.guarantee()),
        t.feedback() == null ? null : source(s, t.feedback(), labeledDecoder(s, task), trainingFetchProperties()),
        // The fed-back records leave the joiner's event-time timers with their impressions' event times as Flink
        // timestamps; stamped when sent instead, they enter the stream when written, as the trainer's freshness and
        // the scorer's latencies count (an event time years back made the freshness p99 decades).
        t.feedback() == null ? null : sink(s, "feedback", new AvroRecordSerializationSchema<>(t.feedback(),
            task.task().labeledType(), serde, feedbackKey(task)).stampedWhenSent(), new Properties(),
            s.guarantee()));
  }

  private static <L extends SpecificRecordBase> SerializableFunction<L, byte[]> feedbackKey(
      FlinkTask<L, ?, ?, ?, ?> task) {
    SerializableFunction<L, String> key = task.feedback().labeledKey();
    return l -> utf8(key.apply(l));
  }

  /** The answers' guarantee: the weaker of the job's and the answers' own. */
  static DeliveryGuarantee answersGuarantee(Settings s) {
    return s.guarantee() == DeliveryGuarantee.EXACTLY_ONCE ? s.answers() : s.guarantee();
  }

  private static SerializableFunction<ModelSnapshot, byte[]> snapshotKey() {
    return m -> utf8(m.getModelId() + ":" + m.getKind());
  }

  /**
   * The training inputs' fetches: at least 256 KiB or 50 ms of events each. The broker answers a fetch as soon as it
   * has fetch.min.bytes (by default 1 byte), so a source that keeps up fetches every few events: at 1,000 events/s,
   * 30% of the embedded broker's requests in a demo run (docs/BENCHMARKS.md, "Where the demo's requests waited"). A
   * training event waits up to 50 ms more; a scoring request waits for nothing of this.
   */
  static Properties trainingFetchProperties() {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(256 * 1024));
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    return p;
  }

  /**
   * Scores are sent with Kafka's default linger (5 ms), not at once: at 2,000 requests/s a produce request per score
   * cost the broker more CPU than the scorer itself; 5 ms batches them by ten. The in-job latency each score carries
   * ends at its emission, before the linger; clients see it added.
   */
  static Properties scoreProducerProperties() {
    return new Properties();
  }

  static Properties snapshotProducerProperties() {
    Properties p = new Properties();
    p.setProperty("max.request.size", MAX_SNAPSHOT_BYTES);
    p.setProperty("buffer.memory", String.valueOf(2L * 128 * 1024 * 1024));
    return p;
  }

  /** Decodes labeled events, dead-lettering those the task cannot learn from (e.g. a ReviewEvent without label). */
  public static <L extends SpecificRecordBase> KafkaRecordDeserializationSchema<Either<DeadLetter, L>> labeledDecoder(
      Settings s, FlinkTask<L, ?, ?, ?, ?> task) {
    return new DecodingDeserializationSchema<>(task.task().labeledType(), s.registry(), task.labeledValidator(),
        s.registryOutageLimit());
  }

  /** A read_committed source of {@code topic} decoded by {@code decoder} (tests plug in their own decoder). */
  public static <T> KafkaSource<Either<DeadLetter, T>> source(
      Settings s, String topic, KafkaRecordDeserializationSchema<Either<DeadLetter, T>> decoder) {
    return source(s, topic, decoder, new Properties());
  }

  /** The same, with this source's own client defaults under the user's client properties (which win). */
  public static <T> KafkaSource<Either<DeadLetter, T>> source(
      Settings s, String topic, KafkaRecordDeserializationSchema<Either<DeadLetter, T>> decoder,
      Properties defaults) {
    KafkaSourceBuilder<Either<DeadLetter, T>> b = KafkaSource.<Either<DeadLetter, T>>builder()
        .setProperties(defaults)
        .setProperties(s.clientProperties())
        .setTopics(topic)
        .setGroupId(s.groupId())
        .setStartingOffsets(s.startingOffsets().initializer())
        .setDeserializer(decoder)
        .setProperty("isolation.level", "read_committed")
        .setProperty("client.id.prefix", s.transactionalIdPrefix() + "-" + topic);
    if (s.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  private static <T extends SpecificRecordBase> KafkaSink<T> sink(Settings s, String name,
                                                                  KafkaRecordSerializationSchema<T> schema,
                                                                  Properties extra, DeliveryGuarantee guarantee) {
    Properties props = new Properties();
    props.putAll(extra); // this sink's defaults; the user's client properties win
    props.putAll(s.clientProperties());
    // Longer than any checkpoint interval plus recovery, within the broker's default maximum of 15 minutes.
    props.putIfAbsent("transaction.timeout.ms", "900000");
    return KafkaSink.<T>builder()
        .setBootstrapServers(s.clientProperties().getProperty("bootstrap.servers"))
        .setKafkaProducerConfig(props)
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(s.transactionalIdPrefix() + "-" + name)
        .build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
