package io.streamnet.connect.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamNetTopicsTest {

    @Test
    void everyTopicHasOneSpecWithTheRequestedLayout() {
        List<TopicSpec> specs = StreamNetTopics.specs(6, (short) 3);
        assertEquals(9, specs.size());
        assertEquals(StreamNetTopics.ALL, specs.stream().map(TopicSpec::name).toList());
        assertEquals(9, new HashSet<>(StreamNetTopics.ALL).size(), "names are unique");
        for (TopicSpec spec : specs) {
            assertEquals(6, spec.partitions(), spec.name());
            assertEquals(3, spec.replicationFactor(), spec.name());
        }
    }

    @Test
    void snapshotsAreCompactedAndDeadLettersKeptLong() {
        assertEquals("compact", StreamNetTopics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS).get("cleanup.policy"));
        Map<String, String> dlq = StreamNetTopics.configsOf(StreamNetTopics.DLQ);
        assertEquals("delete", dlq.get("cleanup.policy"));
        assertEquals(30L * 24 * 3600 * 1000, Long.parseLong(dlq.get("retention.ms")));
        assertTrue(StreamNetTopics.configsOf(StreamNetTopics.SENTIMENT_LABELED).isEmpty(), "broker defaults");
    }

    @Test
    void invalidSpecsNameWhatIsWrong() {
        IllegalArgumentException partitions = assertThrows(IllegalArgumentException.class,
                () -> new TopicSpec("t", 0, (short) 1, Map.of()));
        assertTrue(partitions.getMessage().contains("t: partitions must be at least 1"), partitions.getMessage());
        IllegalArgumentException replicas = assertThrows(IllegalArgumentException.class,
                () -> StreamNetTopics.specs(1, (short) 0));
        assertTrue(replicas.getMessage().contains("replication factor"), replicas.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec(" ", 1, (short) 1, Map.of()));
    }
}
