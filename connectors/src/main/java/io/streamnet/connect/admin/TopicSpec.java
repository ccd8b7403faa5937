package io.streamnet.connect.admin;

import java.util.Map;
import java.util.Objects;

/**
 * What a topic must look like: its name, partition count, replication factor, and the topic-level configs that
 * must hold (other configs are left to the broker's defaults).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "Topic " + name + ": replication factor must be at least 1, was " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }
}
