package io.streamnet.connect.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.RegistryUnavailableException;
import io.streamnet.connect.registry.RetryPolicy;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaDeserializer;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.ContractSamples;
import io.streamnet.connect.serde.ReviewEventV1;
import io.streamnet.connect.serde.SpecificRecordEncoder;
import io.streamnet.connect.serde.SubjectNaming;
import io.streamnet.connect.serde.WireFormat;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.OwnEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * A registry that is missing at start-up, and one that goes away while records flow. Runs on an environment of its
 * own because it stops the registry; run by {@link RegistryOutageIT} and {@link RegistryOutageContainersIT}.
 */
@OwnEnvironment
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RegistryOutageScenarios {

    /** Quick client retries, so that each decode attempt during the outage fails within a few hundred ms. */
    private static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.5, 42L);

    private KafkaRegistryEnvironment env;

    @BeforeAll
    void connect(KafkaRegistryEnvironment environment) {
        env = environment;
    }

    private static ReviewEvent review(int i) {
        ReviewEvent r = ContractSamples.review();
        r.setId("review-" + i);
        return r;
    }

    @Test
    @Order(1)
    void aRegistryDownAtStartUpIsAClearErrorNamingItsUrl() {
        String url = "http://127.0.0.1:" + FreePorts.pick() + "/apis/ccompat/v7"; // nothing listens there
        SchemaRegistryClient registry = SchemaRegistries.connect(RegistryConfig.of(url).withRetry(QUICK_RETRIES));

        String source = TestKafka.unique("outage.start");
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> DeadLetterRouter.builder(ReviewEvent.class).bootstrapServers(env.bootstrapServers())
                        .registry(registry).sourceTopic(source).targetTopic(source + ".valid").start());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());

        AvroKafkaSerializer<ReviewEvent> serializer = new AvroKafkaSerializer<>(registry,
                AvroSerdeConfig.of(RegistryConfig.of(url)), false);
        SerializationException s = assertThrows(SerializationException.class,
                () -> serializer.serialize(source, review(0)));
        assertTrue(s.getMessage().contains(url), s.getMessage());
        assertInstanceOf(RegistryUnavailableException.class, s.getCause());
    }

    @Test
    @Order(2)
    void aRegistryGoingAwayMidStreamIsRetriedWithBackOffWhileCachedSchemasKeepRecordsFlowing() {
        // The producers and the router are separate applications: each has its own client and caches.
        RegistryConfig config = RegistryConfig.of(env.registryUrl()).withRetry(QUICK_RETRIES);
        SchemaRegistryClient registry = SchemaRegistries.connect(config);
        SchemaRegistryClient producerRegistry = SchemaRegistries.connect(config);
        String source = TestKafka.unique("outage.reviews");
        String target = TestKafka.unique("outage.reviews-valid");
        String dlq = TestKafka.unique("outage.dlq");
        TestKafka.createTopics(env.bootstrapServers(), source, target, dlq);

        SpecificRecordEncoder encoder = new SpecificRecordEncoder(producerRegistry, SubjectNaming.TOPIC, false, true);
        // Written by a producer with a schema the router has never fetched: v1 of ReviewEvent.
        byte[] unseenSchema = ReviewEventV1.encode(producerRegistry, source, "review-v1");

        Duration outageLimit = Duration.ofSeconds(4);
        try (DeadLetterRouter<ReviewEvent> router = DeadLetterRouter.builder(ReviewEvent.class)
                .bootstrapServers(env.bootstrapServers()).registry(registry)
                .sourceTopic(source).targetTopic(target).deadLetterTopic(dlq)
                .registryOutageLimit(outageLimit).start()) {

            List<String> expected = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> before = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                before.add(record(source, encoder.encode(source, review(i))));
                expected.add("review-" + i);
            }
            TestKafka.produce(env.bootstrapServers(), before);
            assertEquals(5, TestKafka.consume(env.bootstrapServers(), target, 5).size(), "flowing before the outage");

            env.stopRegistry();

            // The producer's encoder and the router's decoder both hold the ReviewEvent schema: no registry needed.
            List<ProducerRecord<byte[], byte[]>> during = new ArrayList<>();
            for (int i = 5; i < 10; i++) {
                during.add(record(source, encoder.encode(source, review(i))));
                expected.add("review-" + i);
            }
            during.add(record(source, unseenSchema)); // offset 10: its writer schema cannot be fetched now
            for (int i = 10; i < 13; i++) {
                during.add(record(source, encoder.encode(source, review(i))));
                expected.add("review-" + i);
            }
            TestKafka.produce(env.bootstrapServers(), during);

            List<ConsumerRecord<byte[], byte[]>> letters = TestKafka.consume(env.bootstrapServers(), dlq, 1);
            List<ConsumerRecord<byte[], byte[]>> forwarded = TestKafka.consume(env.bootstrapServers(), target,
                    expected.size());

            AvroKafkaDeserializer<ReviewEvent> reviews = new AvroKafkaDeserializer<>(registry, ReviewEvent.class);
            assertEquals(expected, forwarded.stream().map(r -> reviews.deserialize(target, r.value()).getId()).toList(),
                    "records with cached schemas flowed during the outage, in order, also after the held record");

            assertEquals(1, letters.size());
            AvroKafkaDeserializer<DeadLetter> deadLetters = new AvroKafkaDeserializer<>(registry, DeadLetter.class);
            DeadLetter letter = deadLetters.deserialize(dlq, letters.get(0).value());
            assertEquals(DeadLetterReason.REGISTRY_UNAVAILABLE, letter.getReason(), letter.getMessage());
            assertEquals(10L, letter.getSourceOffset());
            assertEquals(WireFormat.schemaId(unseenSchema), letter.getSchemaId());
            assertArrayEquals(unseenSchema, DeadLetters.bytes(letter.getValue()), "original bytes kept");
            assertTrue(letter.getMessage().contains(env.registryUrl()), letter.getMessage());

            // 200 ms doubling up to the 4 s limit: at least three retries before giving up.
            assertTrue(router.registryRetries() >= 3, "retries with back-off: " + router.registryRetries());
            assertEquals(expected.size(), router.counters().accepted());
            assertEquals(1, router.counters().rejected(DeadLetterReason.REGISTRY_UNAVAILABLE));
            assertTrue(router.isRunning(), "an outage never stops the router: " + router.failure());
            assertFalse(router.failure().isPresent());
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), value);
    }
}
