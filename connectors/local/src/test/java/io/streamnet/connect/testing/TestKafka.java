package io.streamnet.connect.testing;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Small helpers for integration tests: unique topics, raw produce, and consume-until-count with a deadline. */
public final class TestKafka {

    /** How long a test waits for records that should arrive; far above what they need, so only a bug hits it. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestKafka() {
    }

    /** A topic (or subject) name no other test of this run uses. */
    public static String unique(String base) {
        return base + "." + SEQUENCE.incrementAndGet();
    }

    /** Creates {@code topics} with one partition each, so that their records keep one order. */
    public static void createTopics(String bootstrapServers, String... topics) {
        try (TopicAdmin admin = TopicAdmin.connect(bootstrapServers)) {
            List<TopicSpec> specs = new ArrayList<>();
            for (String topic : topics) {
                specs.add(new TopicSpec(topic, 1, (short) 1, Map.of()));
            }
            admin.ensure(specs);
        }
    }

    /** Sends {@code records} in order and waits until the broker has them all. */
    public static void produce(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition until {@code count} records have arrived or
     * {@link #DEADLINE} passes; returns what arrived (the caller asserts the count) plus anything already there
     * beyond it.
     */
    public static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrapServers, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            // One more short poll: a record beyond the expected count is a bug the caller should see.
            consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
        }
        return seen;
    }
}
