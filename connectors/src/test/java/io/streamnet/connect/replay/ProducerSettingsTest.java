package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void idempotentAcknowledgedByAllAndBatched() {
        Map<String, Object> props = ProducerSettings.of("h:1", "replay-x", Map.of());
        assertEquals("h:1", props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("replay-x", props.get(ProducerConfig.CLIENT_ID_CONFIG));
        assertEquals(true, props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(5, props.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), "the most idempotence allows");
        assertEquals(20, props.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals(512 * 1024, props.get(ProducerConfig.BATCH_SIZE_CONFIG));
        assertEquals("lz4", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    }

    @Test
    void overridesWin() {
        Map<String, Object> props = ProducerSettings.of("h:1", "c", Map.of("linger.ms", "0",
                "security.protocol", "SSL"));
        assertEquals("0", props.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("SSL", props.get("security.protocol"));
        assertEquals(true, props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    }
}
