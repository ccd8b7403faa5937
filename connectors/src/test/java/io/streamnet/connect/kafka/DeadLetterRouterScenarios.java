package io.streamnet.connect.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaDeserializer;
import io.streamnet.connect.serde.ContractSamples;
import io.streamnet.connect.serde.SpecificRecordEncoder;
import io.streamnet.connect.serde.SubjectNaming;
import io.streamnet.connect.serde.WireFormat;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.connect.validate.DeadLetterCounters;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ReviewEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on a real broker: every kind goes to the dead-letter topic with its reason and original bytes, is
 * counted, and the valid records around it flow on in order. Run by {@link DeadLetterRouterIT} and
 * {@link DeadLetterRouterContainersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeadLetterRouterScenarios {

    private KafkaRegistryEnvironment env;
    private SchemaRegistryClient registry;
    private SpecificRecordEncoder encoder;

    @BeforeAll
    void connect(KafkaRegistryEnvironment environment) {
        env = environment;
        registry = SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
        encoder = new SpecificRecordEncoder(registry, SubjectNaming.TOPIC, false, true);
    }

    /** The router runs as an application of its own: its own client, fetching writer schemas from the server. */
    private SchemaRegistryClient routerRegistry() {
        return SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
    }

    /** A bad record to send, and the reason it must be dead-lettered with. */
    private record Bad(String name, byte[] value, DeadLetterReason reason) {
    }

    private static ReviewEvent review(int i) {
        ReviewEvent r = ContractSamples.review();
        r.setId("review-" + i);
        r.setLabel(i % 2);
        return r;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfBadReviewIsDeadLetteredAndValidReviewsFlowInOrder() {
        String source = TestKafka.unique("router.reviews");
        String target = TestKafka.unique("router.reviews-valid");
        String dlq = TestKafka.unique("router.dlq");
        TestKafka.createTopics(env.bootstrapServers(), source, target, dlq);

        byte[] valid = encoder.encode(source, review(0));
        int reviewId = WireFormat.schemaId(valid);
        // An Interaction registered under a subject of its own: a real schema the ReviewEvent reader cannot resolve.
        byte[] interaction = encoder.encode(TestKafka.unique("router.other"), ContractSamples.interaction());
        byte[] unknownId = valid.clone();
        WireFormat.writeHeader(987_654, unknownId, 0);
        byte[] corrupt = valid.clone();
        Arrays.fill(corrupt, WireFormat.HEADER_SIZE, corrupt.length, (byte) 0xFF); // invalid string lengths
        ReviewEvent nullText = review(-1);
        nullText.setText(null);
        ReviewEvent badLabel = review(-2);
        badLabel.setLabel(7);
        ReviewEvent nanRating = review(-3);
        nanRating.setRating(Float.NaN);

        List<Bad> bad = List.of(
                new Bad("json instead of Avro", utf8("{\"id\":\"review-x\",\"text\":\"great\"}"),
                        DeadLetterReason.NO_MAGIC_BYTE),
                new Bad("unknown schema id", unknownId, DeadLetterReason.UNKNOWN_SCHEMA_ID),
                new Bad("header cut short", Arrays.copyOf(valid, 3), DeadLetterReason.TRUNCATED_HEADER),
                new Bad("truncated Avro", Arrays.copyOf(valid, valid.length / 2), DeadLetterReason.CORRUPT_AVRO),
                new Bad("corrupt Avro", corrupt, DeadLetterReason.CORRUPT_AVRO),
                new Bad("unresolvable writer schema", interaction, DeadLetterReason.UNRESOLVABLE_SCHEMA),
                new Bad("null value", null, DeadLetterReason.NULL_VALUE),
                new Bad("null text", encoder.encode(source, nullText), DeadLetterReason.VALIDATION_FAILED),
                new Bad("label out of range", encoder.encode(source, badLabel), DeadLetterReason.VALIDATION_FAILED),
                new Bad("NaN rating", encoder.encode(source, nanRating), DeadLetterReason.VALIDATION_FAILED));

        // valid, bad, valid, bad, ..., then a run of valid records after the last bad one.
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        List<String> validIds = new ArrayList<>();
        int next = 0;
        for (Bad b : bad) {
            validIds.add("review-" + next);
            input.add(new ProducerRecord<>(source, utf8("review-" + next), encoder.encode(source, review(next++))));
            input.add(new ProducerRecord<>(source, utf8("bad-" + b.name()), b.value()));
        }
        for (int i = 0; i < 25; i++) {
            validIds.add("review-" + next);
            input.add(new ProducerRecord<>(source, utf8("review-" + next), encoder.encode(source, review(next++))));
        }
        TestKafka.produce(env.bootstrapServers(), input);

        try (DeadLetterRouter<ReviewEvent> router = DeadLetterRouter.builder(ReviewEvent.class)
                .bootstrapServers(env.bootstrapServers()).registry(routerRegistry())
                .sourceTopic(source).targetTopic(target).deadLetterTopic(dlq).start()) {

            List<ConsumerRecord<byte[], byte[]>> forwarded = TestKafka.consume(env.bootstrapServers(), target,
                    validIds.size());
            List<ConsumerRecord<byte[], byte[]>> letters = TestKafka.consume(env.bootstrapServers(), dlq, bad.size());

            AvroKafkaDeserializer<ReviewEvent> reviews = new AvroKafkaDeserializer<>(registry, ReviewEvent.class);
            assertEquals(validIds, forwarded.stream().map(r -> reviews.deserialize(target, r.value()).getId()).toList(),
                    "every valid review, in the order produced");
            for (ConsumerRecord<byte[], byte[]> r : forwarded) {
                assertEquals(reviewId, WireFormat.schemaId(r.value()), "forwarded bytes are the original bytes");
                assertEquals(new String(r.key(), StandardCharsets.UTF_8),
                        reviews.deserialize(target, r.value()).getId(), "key travels with its value");
            }

            assertEquals(bad.size(), letters.size(), "one dead letter per bad record");
            AvroKafkaDeserializer<DeadLetter> deadLetters = new AvroKafkaDeserializer<>(registry, DeadLetter.class);
            for (int i = 0; i < bad.size(); i++) {
                Bad expected = bad.get(i);
                ConsumerRecord<byte[], byte[]> record = letters.get(i);
                DeadLetter letter = deadLetters.deserialize(dlq, record.value());
                assertEquals(expected.reason(), letter.getReason(), expected.name() + ": " + letter.getMessage());
                assertEquals(source, letter.getSourceTopic());
                assertEquals(2L * i + 1, letter.getSourceOffset(), expected.name() + " offset in the source");
                assertArrayEquals(expected.value(), DeadLetters.bytes(letter.getValue()),
                        expected.name() + ": original bytes kept");
                assertArrayEquals(utf8("bad-" + expected.name()), DeadLetters.bytes(letter.getKey()));
                assertArrayEquals(utf8("bad-" + expected.name()), record.key(), "dead letter keyed by the original key");
                assertTrue(!letter.getMessage().isBlank(), expected.name() + " has a message");
            }
            assertTrue(deadLetters.deserialize(dlq, letters.get(7).value()).getMessage().contains("text"),
                    "the validation message names the field");
            assertTrue(deadLetters.deserialize(dlq, letters.get(8).value()).getMessage().contains("label"));
            assertTrue(deadLetters.deserialize(dlq, letters.get(9).value()).getMessage().contains("rating"));

            Map<DeadLetterReason, Long> expectedCounts = new EnumMap<>(DeadLetterReason.class);
            bad.forEach(b -> expectedCounts.merge(b.reason(), 1L, Long::sum));
            DeadLetterCounters counters = router.counters();
            assertEquals(expectedCounts, counters.rejectedByReason(), "a counter per reason");
            assertEquals(validIds.size(), counters.accepted());
            assertEquals(0, router.registryRetries());
            assertTrue(router.isRunning(), "bad input never stops the router: " + router.failure());
        }
    }

    @Test
    void badInteractionsAreDeadLetteredAndTheRestFlow() {
        String source = TestKafka.unique("router.interactions");
        String target = TestKafka.unique("router.interactions-valid");
        String dlq = TestKafka.unique("router.interactions-dlq");
        TestKafka.createTopics(env.bootstrapServers(), source, target, dlq);

        Interaction nan = ContractSamples.interaction();
        nan.setRating(Float.NaN);
        Interaction neither = ContractSamples.interaction();
        neither.setRating(null);
        neither.setClicked(null);
        List<SpecificRecord> sequence = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Interaction ok = ContractSamples.interaction();
            ok.setItemId(i);
            sequence.add(ok);
            if (i == 10) {
                sequence.add(nan);
            }
            if (i == 20) {
                sequence.add(neither);
            }
        }
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (SpecificRecord r : sequence) {
            input.add(new ProducerRecord<>(source, utf8("610"), encoder.encode(source, r)));
        }
        TestKafka.produce(env.bootstrapServers(), input);

        try (DeadLetterRouter<Interaction> router = DeadLetterRouter.builder(Interaction.class)
                .bootstrapServers(env.bootstrapServers()).registry(routerRegistry())
                .sourceTopic(source).targetTopic(target).deadLetterTopic(dlq).start()) {
            List<ConsumerRecord<byte[], byte[]>> forwarded = TestKafka.consume(env.bootstrapServers(), target, 30);
            List<ConsumerRecord<byte[], byte[]>> letters = TestKafka.consume(env.bootstrapServers(), dlq, 2);

            AvroKafkaDeserializer<Interaction> interactions = new AvroKafkaDeserializer<>(registry, Interaction.class);
            List<Long> items = forwarded.stream().map(r -> interactions.deserialize(target, r.value()).getItemId())
                    .toList();
            List<Long> expectedItems = new ArrayList<>();
            for (long i = 0; i < 30; i++) {
                expectedItems.add(i);
            }
            assertEquals(expectedItems, items);

            AvroKafkaDeserializer<DeadLetter> deadLetters = new AvroKafkaDeserializer<>(registry, DeadLetter.class);
            DeadLetter first = deadLetters.deserialize(dlq, letters.get(0).value());
            DeadLetter second = deadLetters.deserialize(dlq, letters.get(1).value());
            assertEquals(2, letters.size());
            assertEquals(DeadLetterReason.VALIDATION_FAILED, first.getReason());
            assertEquals(11L, first.getSourceOffset());
            assertTrue(first.getMessage().contains("rating"), first.getMessage());
            assertEquals(DeadLetterReason.VALIDATION_FAILED, second.getReason());
            assertEquals(22L, second.getSourceOffset());
            assertTrue(second.getMessage().contains("clicked"), second.getMessage());
            assertEquals(WireFormat.schemaId(input.get(22).value()), second.getSchemaId(), "writer schema id kept");
            assertEquals(2, router.counters().rejected(DeadLetterReason.VALIDATION_FAILED));
            assertEquals(30, router.counters().accepted());
        }
    }
}
