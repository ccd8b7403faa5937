package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} of generated Avro records in the Confluent wire format.
 *
 * <p>Either configured by Kafka from properties ({@code value.serializer=io.streamnet.connect.serde.AvroKafkaSerializer}
 * plus {@code schema.registry.url}, {@code auto.register.schemas}, {@code value.subject.name.strategy}, ...), or
 * built ready to use with {@link #AvroKafkaSerializer(SchemaRegistryClient, AvroSerdeConfig, boolean)}.
 */
public final class AvroKafkaSerializer<T extends SpecificRecord> implements Serializer<T> {

  private SpecificRecordEncoder encoder;

  /** For instantiation by Kafka; {@link #configure} must follow. */
  public AvroKafkaSerializer() {}

  public AvroKafkaSerializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
    this.encoder = new SpecificRecordEncoder(registry, config.strategy(isKey), isKey, config.autoRegister());
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.fromProperties(configs);
    this.encoder = new SpecificRecordEncoder(SchemaRegistries.connect(config.registry()), config.strategy(isKey), isKey,
        config.autoRegister());
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (encoder == null) {
      throw new IllegalStateException("AvroKafkaSerializer used before configure()");
    }
    return encoder.encode(topic, data);
  }
}
