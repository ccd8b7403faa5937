package io.streamnet.connect.replay;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.nn.data.Dataset;
import java.util.Objects;

/**
 * Where a replay's events go.
 *
 * @param labeled  topic of the labeled events (reviews with a label, interactions)
 * @param requests topic of the held-back events (unlabeled reviews, recommendation requests)
 */
public record ReplayTopics(String labeled, String requests) {
    public ReplayTopics {
        Objects.requireNonNull(labeled, "labeled");
        Objects.requireNonNull(requests, "requests");
        if (labeled.isBlank() || requests.isBlank()) {
            throw new IllegalArgumentException("topic names must not be blank");
        }
        if (labeled.equals(requests)) {
            throw new IllegalArgumentException("labeled events and requests need different topics, both are '"
                    + labeled + "'");
        }
    }

    /**
     * StreamNet's topics for {@code dataset}, with either one replaced when given (null keeps the default):
     * {@code sentiment.labeled} / {@code sentiment.requests} for texts, {@code reco.interactions} /
     * {@code reco.requests} for MovieLens.
     */
    public static ReplayTopics forDataset(Dataset dataset, String labeled, String requests) {
        boolean text = dataset.kind() == Dataset.Kind.TEXT;
        return new ReplayTopics(
                labeled != null ? labeled : text ? StreamNetTopics.SENTIMENT_LABELED : StreamNetTopics.RECO_INTERACTIONS,
                requests != null ? requests : text ? StreamNetTopics.SENTIMENT_REQUESTS : StreamNetTopics.RECO_REQUESTS);
    }
}
