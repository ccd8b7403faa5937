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
    /**
     * Waiting up to 20 ms lets a batch collect thousands of small events, so the broker gets fewer, larger requests
     * (at most 5 in flight per connection with idempotence): a few % less CPU than 5 ms at the same rate; a paced
     * replay delays an event by at most that.
     */
    static final int LINGER_MS = 20;
    /**
     * Per-partition batch size: about 17,000 MovieLens interactions (~30 bytes each) or 400 IMDB reviews. Half of the
     * broker's default 1 MB message limit, so that a batch never exceeds it even when compression estimates are off.
     */
    static final int BATCH_SIZE = 512 * 1024;
    /**
     * lz4 costs 6-12% more CPU than none at the same rate and stores the events in fewer bytes: about 16 instead of
     * ~35 per MovieLens interaction, 61 instead of ~90 per SST-2 phrase (docs/BENCHMARKS.md).
     */
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
