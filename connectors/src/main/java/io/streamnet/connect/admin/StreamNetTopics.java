package io.streamnet.connect.admin;

import java.util.List;
import java.util.Map;

/** The names of StreamNet's Kafka topics, and the configuration each one needs. */
public final class StreamNetTopics {

    /** Labeled reviews ({@code ReviewEvent} with a label) that the sentiment model trains on. */
    public static final String SENTIMENT_LABELED = "sentiment.labeled";
    /** Unlabeled reviews ({@code ReviewEvent}, label null) to be scored. */
    public static final String SENTIMENT_REQUESTS = "sentiment.requests";
    /** User-item interactions ({@code Interaction}) that the recommendation model trains on. */
    public static final String RECO_INTERACTIONS = "reco.interactions";
    /** Recommendation requests ({@code RecoRequest}). */
    public static final String RECO_REQUESTS = "reco.requests";
    /** Versioned model snapshots ({@code ModelSnapshot}); compacted, so the latest per key is always kept. */
    public static final String MODEL_SNAPSHOTS = "model.snapshots";
    /** Sentiment predictions ({@code SentimentScore}). */
    public static final String SENTIMENT_SCORES = "sentiment.scores";
    /** Ranked recommendations ({@code Recommendation}). */
    public static final String RECO_RECOMMENDATIONS = "reco.recommendations";
    /** Records that could not be decoded or failed validation ({@code DeadLetter}), kept for a long time. */
    public static final String DLQ = "streamnet.dlq";
    /** Training and serving metrics ({@code TrainingMetrics}). */
    public static final String METRICS = "streamnet.metrics";

    /** Every StreamNet topic, inputs first. */
    public static final List<String> ALL = List.of(SENTIMENT_LABELED, SENTIMENT_REQUESTS, RECO_INTERACTIONS,
            RECO_REQUESTS, MODEL_SNAPSHOTS, SENTIMENT_SCORES, RECO_RECOMMENDATIONS, DLQ, METRICS);

    /** Dead letters are evidence for an operator; keep them for 30 days. */
    public static final long DLQ_RETENTION_MS = 30L * 24 * 60 * 60 * 1000;
    /**
     * A full snapshot of the reference sentiment model is about 67 MB of float32 weights (2^18 x 64 embedding),
     * far above Kafka's 1 MB default record limit.
     */
    public static final int SNAPSHOT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

    private StreamNetTopics() {
    }

    /**
     * The specs of all StreamNet topics.
     *
     * @param partitions partitions of each topic (at least 1)
     * @param replicationFactor replicas of each partition (at least 1, at most the number of brokers)
     */
    public static List<TopicSpec> specs(int partitions, short replicationFactor) {
        return ALL.stream().map(name -> new TopicSpec(name, partitions, replicationFactor, configsOf(name))).toList();
    }

    /** The topic-level configs StreamNet requires for {@code topic}; empty for topics that use broker defaults. */
    public static Map<String, String> configsOf(String topic) {
        return switch (topic) {
            case MODEL_SNAPSHOTS -> Map.of(
                    "cleanup.policy", "compact",
                    "max.message.bytes", Integer.toString(SNAPSHOT_MAX_MESSAGE_BYTES));
            case DLQ -> Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", Long.toString(DLQ_RETENTION_MS));
            default -> Map.of();
        };
    }
}
