package io.streamnet.connect.testing;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The environment where a Docker engine exists: Kafka ({@code apache/kafka}, KRaft) and Apicurio Registry
 * (in-memory, Confluent-compatible API) containers, the same versions as the local stack in docker-compose.yml.
 */
public final class ContainerKafkaRegistryEnvironment implements KafkaRegistryEnvironment {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.2.0");
    static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("apicurio/apicurio-registry-mem:2.4.2.Final");
    private static final int REGISTRY_PORT = 8080;
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    /** Kept from start-up: a stopped container has no mapped port, but tests still name the URL it had. */
    private final String registryUrl;

    private ContainerKafkaRegistryEnvironment(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
        this.registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + CCOMPAT_PATH;
    }

    public static ContainerKafkaRegistryEnvironment start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network);
        GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .waitingFor(Wait.forHttp(CCOMPAT_PATH + "/subjects").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(3));
        try {
            kafka.start();
            registry.start();
        } catch (RuntimeException e) {
            registry.stop();
            kafka.stop();
            network.close();
            throw e;
        }
        ContainerKafkaRegistryEnvironment env = new ContainerKafkaRegistryEnvironment(network, kafka, registry);
        RegistryDefaults.apply(env.registryUrl());
        return env;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registryUrl;
    }

    @Override
    public void stopRegistry() {
        registry.stop();
    }

    @Override
    public void close() {
        try {
            registry.stop();
            kafka.stop();
        } finally {
            network.close();
        }
    }
}
