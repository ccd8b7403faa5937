package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.schema.DeadLetter;
import java.util.Objects;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Flink {@code KafkaSink} serialization of a generated record class to one topic in the Confluent wire format, with
 * an optional key. On open it checks the registry is reachable and registers (or looks up) the schema, so that a
 * missing registry or an incompatible schema stops the job at start-up with a clear error, not at the first record.
 *
 * @param <T> the generated record class
 */
public final class AvroRecordSerializationSchema<T extends SpecificRecordBase> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final Class<T> type;
  private final AvroSerdeConfig config;
  private final SerializableFunction<T, byte[]> key;
  private final boolean stampedWhenSent;
  private transient SpecificRecordEncoder encoder;

  /**
   * Records carry their Flink timestamps as Kafka timestamps.
   *
   * @param key the Kafka key of an element, or null for no key
   */
  public AvroRecordSerializationSchema(String topic, Class<T> type, AvroSerdeConfig config,
                                       SerializableFunction<T, byte[]> key) {
    this(topic, type, config, key, false);
  }

  private AvroRecordSerializationSchema(String topic, Class<T> type, AvroSerdeConfig config,
                                        SerializableFunction<T, byte[]> key, boolean stampedWhenSent) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.type = Objects.requireNonNull(type, "type");
    this.config = Objects.requireNonNull(config, "config");
    this.key = key;
    this.stampedWhenSent = stampedWhenSent;
  }

  /**
   * The same serialization, with the producer's time of sending as each record's Kafka timestamp instead of its Flink
   * timestamp: for records whose Flink timestamp is an event time (emitted by an event-time timer) while readers of
   * the topic take the Kafka timestamp for when the record entered the stream.
   */
  public AvroRecordSerializationSchema<T> stampedWhenSent() {
    return new AvroRecordSerializationSchema<>(topic, type, config, key, true);
  }

  /** Dead letters to the DLQ topic, keyed by the original record's key. */
  public static AvroRecordSerializationSchema<DeadLetter> deadLetters(String topic, AvroSerdeConfig config) {
    return new AvroRecordSerializationSchema<>(topic, DeadLetter.class, config, dl -> DeadLetters.bytes(dl.getKey()));
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    SchemaRegistryClient client = SchemaRegistries.connect(config.registry());
    client.verifyReachable();
    encoder = new SpecificRecordEncoder(client, config.valueStrategy(), false, config.autoRegister());
    encoder.schemaId(topic, SpecificData.get().getSchema(type));
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
    if (encoder == null) {
      throw new IllegalStateException("AvroRecordSerializationSchema used before open()");
    }
    byte[] keyBytes = key == null ? null : key.apply(element);
    // A null timestamp: the producer stamps the record when it is sent.
    return new ProducerRecord<>(topic, null, stampedWhenSent ? null : timestamp, keyBytes,
        encoder.encode(topic, element));
  }
}
