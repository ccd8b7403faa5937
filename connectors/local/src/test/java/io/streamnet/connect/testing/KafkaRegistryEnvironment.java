package io.streamnet.connect.testing;

/**
 * A Kafka broker and a Confluent-compatible schema registry for integration tests. Two implementations run the
 * same tests: {@link LocalKafkaRegistryEnvironment} (an in-process broker and the registry server as a child
 * process, no Docker needed) and {@link ContainerKafkaRegistryEnvironment} (Kafka and registry containers).
 * Tests obtain one as a parameter through {@link LocalEnvironmentExtension} or {@link ContainerEnvironmentExtension}.
 */
public interface KafkaRegistryEnvironment extends AutoCloseable {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Base URL of the registry's Confluent API, e.g. {@code http://127.0.0.1:40123/apis/ccompat/v7}. */
    String registryUrl();

    /**
     * Stops the registry for good (the broker keeps running), to show what clients do when it goes away. Only
     * tests on an {@link OwnEnvironment} may call this.
     */
    void stopRegistry();

    /** Stops everything and releases ports, processes and files. */
    @Override
    void close();
}
