package io.streamnet.connect.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    private static final Path DIR = Path.of("/tmp/streamnet-kafka-test");

    @Test
    void listensOnLoopbackOnlyWithTheGivenPorts() {
        Map<String, String> props = EmbeddedKafkaBroker.brokerProperties(DIR, 40001, 40002, Map.of());
        assertEquals("PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002", props.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:40001", props.get("advertised.listeners"));
        assertEquals("1@127.0.0.1:40002", props.get("controller.quorum.voters"));
        assertEquals("broker,controller", props.get("process.roles"));
        assertEquals(DIR.resolve("log").toString(), props.get("log.dirs"));
    }

    @Test
    void internalTopicsFitOnOneNode() {
        Map<String, String> props = EmbeddedKafkaBroker.brokerProperties(DIR, 1, 2, Map.of());
        for (String key : new String[] {"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr"}) {
            assertEquals("1", props.get(key), key);
        }
        assertEquals("0", props.get("group.initial.rebalance.delay.ms"));
    }

    @Test
    void overridesReplaceDefaults() {
        Map<String, String> props = EmbeddedKafkaBroker.brokerProperties(DIR, 1, 2,
                Map.of("num.partitions", "4", "auto.create.topics.enable", "false"));
        assertEquals("4", props.get("num.partitions"));
        assertEquals("false", props.get("auto.create.topics.enable"));
    }

    @Test
    void ownedSettingsCannotBeOverridden() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaBroker.brokerProperties(DIR, 1, 2, Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")));
        assertTrue(e.getMessage().contains("'listeners'"), e.getMessage());
    }
}
