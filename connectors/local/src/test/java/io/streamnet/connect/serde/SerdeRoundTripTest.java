package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.IncompatibleSchemaException;
import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SubjectNotFoundException;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ReviewEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerdeRoundTripTest {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("round-trip");
  private final AvroSerdeConfig config = AvroSerdeConfig.of(RegistryConfig.of("mock://unused"));

  @Test
  void everyContractSurvivesTheWireFormat() {
    AvroKafkaSerializer<SpecificRecordBase> serializer = new AvroKafkaSerializer<>(registry, config, false);
    for (SpecificRecordBase sample : ContractSamples.all()) {
      String topic = "topic." + sample.getSchema().getName();
      byte[] bytes = serializer.serialize(topic, sample);

      assertEquals(WireFormat.MAGIC_BYTE, bytes[0]);
      int id = registry.getLatest(topic + "-value").id();
      assertEquals(id, WireFormat.schemaId(bytes), "header carries the registered id");
      assertEquals(sample, deserializer(sample.getClass()).deserialize(topic, bytes), sample.getSchema().getName());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private AvroKafkaDeserializer<SpecificRecordBase> deserializer(Class<?> type) {
    return new AvroKafkaDeserializer<>(registry, (Class) type);
  }

  @Test
  void topicNameStrategyIsTheDefaultAndRecordNameStrategyIsSelectable() {
    new AvroKafkaSerializer<ReviewEvent>(registry, config, false).serialize("sentiment.labeled", ContractSamples.review());
    new AvroKafkaSerializer<ReviewEvent>(registry, config, true).serialize("sentiment.labeled", ContractSamples.review());
    new AvroKafkaSerializer<ReviewEvent>(registry, config.withValueStrategy(SubjectNaming.RECORD), false)
        .serialize("sentiment.requests", ContractSamples.review());
    new AvroKafkaSerializer<ReviewEvent>(registry, config.withValueStrategy(SubjectNaming.TOPIC_RECORD), false)
        .serialize("mixed", ContractSamples.review());

    assertEquals(List.of("io.streamnet.schema.ReviewEvent", "mixed-io.streamnet.schema.ReviewEvent",
        "sentiment.labeled-key", "sentiment.labeled-value"), registry.subjects());
  }

  @Test
  void withoutAutoRegistrationTheSchemaMustAlreadyBeThere() {
    AvroKafkaSerializer<Interaction> serializer =
        new AvroKafkaSerializer<>(registry, config.withAutoRegister(false), false);

    SerializationException e = assertThrows(SerializationException.class,
        () -> serializer.serialize("reco.interactions", ContractSamples.interaction()));
    assertTrue(e.getMessage().contains("subject 'reco.interactions-value'"), e.getMessage());
    assertInstanceOf(SubjectNotFoundException.class, e.getCause(), "the subject does not exist yet");

    int id = registry.register("reco.interactions-value", Interaction.getClassSchema());
    assertEquals(id, WireFormat.schemaId(serializer.serialize("reco.interactions", ContractSamples.interaction())));
  }

  @Test
  void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
    Schema required = new Schema.Parser().parse(ReviewEvent.getClassSchema().toString()
        .replace("{\"name\":\"eventTime\"", "{\"name\":\"extra\",\"type\":\"int\"},{\"name\":\"eventTime\""));
    registry.register("sentiment.labeled-value", ReviewEvent.getClassSchema());

    SpecificRecordEncoder encoder = new SpecificRecordEncoder(registry, SubjectNaming.TOPIC, false, true);
    SerializationException e = assertThrows(SerializationException.class, () -> encoder.schemaId("sentiment.labeled", required));

    assertInstanceOf(IncompatibleSchemaException.class, e.getCause());
    assertTrue(e.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), e.getMessage());
  }

  @Test
  void aRecordMissingARequiredValueIsAClearSerializationError() {
    ReviewEvent broken = ContractSamples.review();
    broken.setId(null);

    SerializationException e = assertThrows(SerializationException.class,
        () -> new AvroKafkaSerializer<ReviewEvent>(registry, config, false).serialize("t", broken));

    assertTrue(e.getMessage().contains("ReviewEvent") && e.getMessage().contains("'t'"), e.getMessage());
    assertTrue(e.getMessage().contains("id"), e.getMessage());
  }

  @Test
  void tombstonesStayNull() {
    assertNull(new AvroKafkaSerializer<ReviewEvent>(registry, config, false).serialize("t", null));
    assertNull(new AvroKafkaDeserializer<>(registry, ReviewEvent.class).deserialize("t", null));
  }

  @Test
  void configuredFromKafkaPropertiesLikeConfluentsSerdes() {
    String scope = "props-" + System.identityHashCode(this);
    try {
      Map<String, Object> props = new HashMap<>();
      props.put(RegistryConfig.URL, "mock://" + scope);
      props.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy");
      props.put(AvroSerdeConfig.SPECIFIC_VALUE_TYPE, ReviewEvent.class.getName());
      AvroKafkaSerializer<ReviewEvent> serializer = new AvroKafkaSerializer<>();
      serializer.configure(props, false);
      AvroKafkaDeserializer<ReviewEvent> deserializer = new AvroKafkaDeserializer<>();
      deserializer.configure(props, false);

      byte[] bytes = serializer.serialize("sentiment.labeled", ContractSamples.review());

      assertEquals(ContractSamples.review(), deserializer.deserialize("sentiment.labeled", bytes));
      assertEquals(List.of("io.streamnet.schema.ReviewEvent"), InMemorySchemaRegistry.forScope(scope).subjects());
    } finally {
      InMemorySchemaRegistry.dropScope(scope);
    }
  }

  @Test
  void aDeserializerWithoutTargetTypeSaysWhichPropertyIsMissing() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AvroKafkaDeserializer<ReviewEvent>().configure(Map.of(RegistryConfig.URL, "mock://x"), false));
    assertTrue(e.getMessage().contains(AvroSerdeConfig.SPECIFIC_VALUE_TYPE), e.getMessage());
  }

  @Test
  void badBytesThrowADecodeExceptionWithTheReason() {
    AvroKafkaDeserializer<ReviewEvent> d = new AvroKafkaDeserializer<>(registry, ReviewEvent.class);
    DecodeException e = assertThrows(DecodeException.class, () -> d.deserialize("t", new byte[] {0, 0, 0, 0, 9, 1}));
    assertEquals(io.streamnet.schema.DeadLetterReason.UNKNOWN_SCHEMA_ID, e.reason());
    assertEquals(9, e.schemaId());
  }
}
