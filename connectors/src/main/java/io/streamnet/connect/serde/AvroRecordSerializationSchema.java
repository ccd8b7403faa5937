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
  private transient SpecificRecordEncoder encoder;

  /**
   * @param key the Kafka key of an element, or null for no key
   */
  public AvroRecordSerializationSchema(String topic, Class<T> type, AvroSerdeConfig config,
                                       SerializableFunction<T, byte[]> key) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.type = Objects.requireNonNull(type, "type");
    this.config = Objects.requireNonNull(config, "config");
    this.key = key;
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
    return new ProducerRecord<>(topic, null, timestamp, keyBytes, encoder.encode(topic, element));
  }
}
