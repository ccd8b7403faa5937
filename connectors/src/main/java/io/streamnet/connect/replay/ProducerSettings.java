package io.streamnet.connect.replay;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The replay producer's configuration: idempotent (no duplicates or reordering on retries), acknowledged by all
 * in-sync replicas, and batched for throughput (see docs/BENCHMARKS.md, "Replayer throughput", for how the values
 * were chosen).
 */
public final class ProducerSettings {
    /** Waiting a few ms lets batches fill when the replayer outruns the sender thread; rate-limited runs barely notice. */
    static final int LINGER_MS = 5;
    /** Per-partition batch size; MovieLens interactions are ~25 bytes, so one batch holds thousands. */
    static final int BATCH_SIZE = 256 * 1024;
    static final String COMPRESSION = "lz4";
    static final long BUFFER_MEMORY = 64L * 1024 * 1024;

    private ProducerSettings() {}

    /**
     * Producer properties for {@code bootstrapServers}; {@code overrides} (e.g. security settings of a real cluster)
     * are applied last and win.
     */
    public static Map<String, Object> of(String bootstrapServers, String clientId, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence keeps order with up to 5 requests in flight per connection.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_MEMORY);
        props.putAll(overrides);
        return props;
    }
}
