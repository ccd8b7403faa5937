package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} of wire-format bytes into a generated Avro class. Bad bytes throw a
 * {@link DecodeException} (a Kafka {@code SerializationException}) carrying the dead-letter reason; a null value
 * (tombstone) gives null. No value validation here: consumers that must never fail use {@link EventDecoder} on raw
 * bytes instead.
 *
 * <p>Configured from properties ({@code schema.registry.url} and {@code specific.avro.value.type} or
 * {@code specific.avro.key.type}) or built with {@link #AvroKafkaDeserializer(SchemaRegistryClient, Class)}.
 */
public final class AvroKafkaDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private SpecificRecordDecoder<T> decoder;

  /** For instantiation by Kafka; {@link #configure} must follow. */
  public AvroKafkaDeserializer() {}

  public AvroKafkaDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.decoder = new SpecificRecordDecoder<>(registry, type);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs, boolean isKey) {
    Class<?> type = AvroSerdeConfig.specificType(configs, isKey);
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro class (SpecificRecord)");
    }
    AvroSerdeConfig config = AvroSerdeConfig.fromProperties(configs);
    this.decoder = new SpecificRecordDecoder<>(SchemaRegistries.connect(config.registry()), (Class<T>) type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (decoder == null) {
      throw new IllegalStateException("AvroKafkaDeserializer used before configure()");
    }
    if (data == null) {
      return null;
    }
    return decoder.decode(data);
  }
}
