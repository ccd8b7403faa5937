package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.FreePorts;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.RegistryUnavailableException;
import io.streamnet.connect.registry.RetryPolicy;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.ContractSamples;
import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.connect.serde.ReviewEventV1;
import io.streamnet.connect.serde.SpecificRecordEncoder;
import io.streamnet.connect.serde.SubjectNaming;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.OwnEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * A registry that is missing at start-up, and one that goes away while records flow (the decoding path of the job's
 * sources and of the edge scorer; the job itself through an outage: stream-jobs' RegistryOutageJobIT). Runs on an
 * environment of its own because it stops the registry; run by {@link RegistryOutageIT} and {@link RegistryOutageContainersIT}.
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

        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, registry::verifyReachable);
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());

        String topic = TestKafka.unique("outage.start");
        AvroKafkaSerializer<ReviewEvent> serializer = new AvroKafkaSerializer<>(registry,
                AvroSerdeConfig.of(RegistryConfig.of(url)), false);
        SerializationException s = assertThrows(SerializationException.class,
                () -> serializer.serialize(topic, review(0)));
        assertTrue(s.getMessage().contains(url), s.getMessage());
        assertInstanceOf(RegistryUnavailableException.class, s.getCause());
    }

    @Test
    @Order(2)
    void aRegistryGoneMidStreamIsWaitedOutByTheDecodingPathAndCachedSchemasNeverAskIt() {
        RegistryConfig config = RegistryConfig.of(env.registryUrl()).withRetry(QUICK_RETRIES);
        SchemaRegistryClient producerRegistry = SchemaRegistries.connect(config);
        String topic = TestKafka.unique("outage.reviews");
        byte[] unseen = ReviewEventV1.encode(producerRegistry, topic, "review-v1");
        byte[] cached = new SpecificRecordEncoder(producerRegistry, SubjectNaming.TOPIC, false, true)
                .encode(topic, review(1));
        EventDecoder<ReviewEvent> decoder = EventDecoder.of(SchemaRegistries.connect(config), ReviewEvent.class);
        assertTrue(decoder.decode(RawRecord.ofValue(topic, cached)).isValid(), "its schema is now cached");

        env.stopRegistry();

        assertTrue(decoder.decode(RawRecord.ofValue(topic, cached)).isValid(), "a cached schema needs no registry");
        List<Duration> waited = new ArrayList<>();
        RegistryOutageHold hold = new RegistryOutageHold(Duration.ofSeconds(2), waited::add);
        DecodeOutcome<ReviewEvent> held = hold.decode(decoder, RawRecord.ofValue(topic, unseen));
        assertEquals(DeadLetterReason.REGISTRY_UNAVAILABLE, held.deadLetter().getReason());
        assertTrue(held.deadLetter().getMessage().contains(env.registryUrl()), held.deadLetter().getMessage());
        assertEquals(Duration.ofSeconds(2), waited.stream().reduce(Duration.ZERO, Duration::plus),
                "retried with back-off for exactly the limit before dead-lettering");
    }
}
