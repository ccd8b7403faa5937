package io.streamnet.connect.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void producedRecordsAreConsumedInOrderAndCloseRemovesEverything() throws Exception {
        Path dataDir;
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            dataDir = broker.dataDir();
            port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));
            assertTrue(Files.isDirectory(dataDir.resolve("log")), "broker log directory exists while running");

            int count = 500;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>("embedded.smoke", "k" + (i % 7), "v" + i));
                }
                producer.flush();
            }
            List<String> values = consume(broker.bootstrapServers(), "embedded.smoke", count);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("v" + i);
            }
            assertEquals(expected, values, "one partition keeps the produced order");
        }
        assertFalse(Files.exists(dataDir), "close() deletes the data directory " + dataDir);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " still bound after close()", e);
        }
    }

    @Test
    void twoBrokersRunSideBySideOnTheirOwnPorts() {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start();
                EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start()) {
            assertNotEquals(first.bootstrapServers(), second.bootstrapServers());
            assertNotEquals(first.dataDir(), second.dataDir());
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
