package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.schema.ReviewEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every contract through the wire-format serdes, a real broker and the real registry; run by
 * {@link SerdeRoundTripIT} and {@link SerdeRoundTripContainersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SerdeRoundTripScenarios {

    private KafkaRegistryEnvironment env;
    private SchemaRegistryClient registry;

    @BeforeAll
    void connect(KafkaRegistryEnvironment environment) {
        env = environment;
        registry = SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
    }

    @Test
    void everyContractRoundTripsThroughKafkaClientsConfiguredByProperties() {
        for (SpecificRecordBase sample : ContractSamples.all()) {
            String name = sample.getSchema().getName();
            String topic = TestKafka.unique("roundtrip." + name);
            TestKafka.createTopics(env.bootstrapServers(), topic);

            Map<String, Object> producerProps = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName(),
                    RegistryConfig.URL, env.registryUrl());
            try (KafkaProducer<String, SpecificRecordBase> producer = new KafkaProducer<>(producerProps)) {
                producer.send(new ProducerRecord<>(topic, "key-" + name, sample));
                producer.flush();
            }

            List<ConsumerRecord<byte[], byte[]>> records = TestKafka.consume(env.bootstrapServers(), topic, 1);
            assertEquals(1, records.size(), name + ": records on " + topic);
            byte[] value = records.get(0).value();
            assertEquals(registry.getLatest(topic + "-value").id(), WireFormat.schemaId(value),
                    name + ": the header carries the id the registry gave the subject");

            try (AvroKafkaDeserializer<SpecificRecordBase> deserializer = new AvroKafkaDeserializer<>()) {
                deserializer.configure(Map.of(RegistryConfig.URL, env.registryUrl(),
                        AvroSerdeConfig.SPECIFIC_VALUE_TYPE, sample.getClass().getName()), false);
                assertEquals(sample, deserializer.deserialize(topic, value), name + " after the round trip");
            }
        }
    }

    @Test
    void aV1WriterIsReadByTheCurrentReader() {
        assertNull(ReviewEventV1.schema().getField("rating"), "v1 of ReviewEvent has no rating (the test needs it)");
        String topic = TestKafka.unique("roundtrip.v1-writer");
        TestKafka.createTopics(env.bootstrapServers(), topic);
        byte[] v1Bytes = ReviewEventV1.encode(registry, topic, "imdb-train-pos-1");

        // A current producer registers v2 under the same subject (BACKWARD allows it) and writes next to v1 data.
        ReviewEvent current = ContractSamples.review();
        byte[] v2Bytes = new SpecificRecordEncoder(registry, SubjectNaming.TOPIC, false, true).encode(topic, current);
        assertNotEquals(WireFormat.schemaId(v1Bytes), WireFormat.schemaId(v2Bytes), "v2 gets an id of its own");

        TestKafka.produce(env.bootstrapServers(), List.of(new ProducerRecord<>(topic, v1Bytes),
                new ProducerRecord<>(topic, v2Bytes)));
        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.consume(env.bootstrapServers(), topic, 2);
        assertEquals(2, records.size());

        // A consumer elsewhere: its own client, so the writer schemas come from the server, not from a cache.
        AvroKafkaDeserializer<ReviewEvent> reader = new AvroKafkaDeserializer<>(
                SchemaRegistries.connect(RegistryConfig.of(env.registryUrl())), ReviewEvent.class);
        ReviewEvent fromV1 = reader.deserialize(topic, records.get(0).value());
        assertEquals("imdb-train-pos-1", fromV1.getId());
        assertEquals(ReviewEventV1.TEXT, fromV1.getText());
        assertEquals(1, fromV1.getLabel());
        assertEquals(ContractSamples.T0.toEpochMilli(), fromV1.getEventTime().toEpochMilli());
        assertNull(fromV1.getRating(), "a field v1 lacks reads as its default");
        assertEquals(current, reader.deserialize(topic, records.get(1).value()));
    }

    @Test
    void recordNameStrategyRegistersUnderTheRecordsFullName() {
        String topic = TestKafka.unique("roundtrip.record-named");
        TestKafka.createTopics(env.bootstrapServers(), topic);
        AvroSerdeConfig config = AvroSerdeConfig.of(RegistryConfig.of(env.registryUrl()))
                .withValueStrategy(SubjectNaming.RECORD);
        byte[] bytes = new AvroKafkaSerializer<ReviewEvent>(registry, config, false)
                .serialize(topic, ContractSamples.review());

        assertTrue(registry.subjects().contains("io.streamnet.schema.ReviewEvent"), registry.subjects().toString());
        assertTrue(!registry.subjects().contains(topic + "-value"), "no topic subject under RecordNameStrategy");
        assertEquals(registry.getLatest("io.streamnet.schema.ReviewEvent").id(), WireFormat.schemaId(bytes));
    }

    @Test
    void kafkaStreamsReadsAndWritesThroughTheSerde(@TempDir Path stateDir) {
        String in = TestKafka.unique("roundtrip.streams-in");
        String out = TestKafka.unique("roundtrip.streams-out");
        TestKafka.createTopics(env.bootstrapServers(), in, out);
        AvroSerde<ReviewEvent> serde = AvroSerde.forValues(registry, ReviewEvent.class,
                AvroSerdeConfig.of(RegistryConfig.of(env.registryUrl())));

        int count = 20;
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReviewEvent review = ContractSamples.review();
            review.setId("review-" + i);
            review.setLabel(i % 2);
            input.add(new ProducerRecord<>(in, review.getId().getBytes(StandardCharsets.UTF_8),
                    serde.serializer().serialize(in, review)));
        }
        TestKafka.produce(env.bootstrapServers(), input);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), serde))
                .mapValues(r -> ReviewEvent.newBuilder(r).setLabel(null).build()) // labeled -> scoring request
                .to(out, Produced.with(Serdes.String(), serde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestKafka.unique("roundtrip-streams"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put("consumer.auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> output;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            output = TestKafka.consume(env.bootstrapServers(), out, count);
            streams.close(Duration.ofSeconds(30));
        }
        assertEquals(count, output.size());
        for (int i = 0; i < count; i++) {
            ReviewEvent r = serde.deserializer().deserialize(out, output.get(i).value());
            assertEquals("review-" + i, r.getId(), "order kept");
            assertNull(r.getLabel());
            assertEquals(ContractSamples.review().getText(), r.getText());
        }
    }
}
