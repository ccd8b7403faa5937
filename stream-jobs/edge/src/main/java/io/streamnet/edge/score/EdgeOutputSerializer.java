package io.streamnet.edge.score;

import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.SpecificRecordEncoder;
import io.streamnet.connect.serde.SubjectNaming;
import org.apache.kafka.common.serialization.Serializer;

/** Writes an {@link EdgeOutput}'s record in the Confluent wire format under its topic's value subject. */
public final class EdgeOutputSerializer implements Serializer<EdgeOutput> {
  private final SpecificRecordEncoder encoder;

  /** @param autoRegister whether a schema missing from the registry is registered (else writing fails) */
  public EdgeOutputSerializer(SchemaRegistryClient registry, boolean autoRegister) {
    this.encoder = new SpecificRecordEncoder(registry, SubjectNaming.TOPIC, false, autoRegister);
  }

  @Override
  public byte[] serialize(String topic, EdgeOutput out) {
    return out == null ? null : encoder.encode(topic, out.value());
  }
}
