package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka Streams {@link Serde} of a generated Avro class in the Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroKafkaSerializer<T> serializer;
  private final AvroKafkaDeserializer<T> deserializer;

  /** For instantiation by Kafka Streams from {@code default.value.serde}; {@link #configure} must follow. */
  public AvroSerde() {
    this.serializer = new AvroKafkaSerializer<>();
    this.deserializer = new AvroKafkaDeserializer<>();
  }

  /** Ready to use: {@code isKey} picks the key or value subject naming of {@code config}. */
  public AvroSerde(SchemaRegistryClient registry, Class<T> type, AvroSerdeConfig config, boolean isKey) {
    this.serializer = new AvroKafkaSerializer<>(registry, config, isKey);
    this.deserializer = new AvroKafkaDeserializer<>(registry, type);
  }

  /** A value serde with auto-registration and TopicNameStrategy. */
  public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistryClient registry, Class<T> type,
                                                                  AvroSerdeConfig config) {
    return new AvroSerde<>(registry, type, config, false);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
