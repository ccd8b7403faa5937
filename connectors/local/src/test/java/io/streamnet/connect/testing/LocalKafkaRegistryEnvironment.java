package io.streamnet.connect.testing;

import io.streamnet.connect.local.BrokerSecurity;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment without Docker: a real Kafka broker inside this JVM ({@link EmbeddedKafkaBroker}) and the real
 * registry server as a child process ({@link RegistryServerProcess}), both on 127.0.0.1 and free ports.
 */
public final class LocalKafkaRegistryEnvironment implements KafkaRegistryEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaRegistryEnvironment.class);

    private final EmbeddedKafkaBroker broker;
    private final RegistryServerProcess registry;

    private LocalKafkaRegistryEnvironment(EmbeddedKafkaBroker broker, RegistryServerProcess registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts both; the registry process boots while the broker starts in this JVM. */
    public static LocalKafkaRegistryEnvironment start() {
        return start(null);
    }

    /**
     * As {@link #start()}, the broker with the secured listeners of {@code security} as well (null: none); tests set
     * up over its PLAINTEXT listener ({@link #bootstrapServers()}) and run the code under test over a secured one.
     */
    public static LocalKafkaRegistryEnvironment start(BrokerSecurity security) {
        RegistryServerProcess registry = RegistryServerProcess.launch();
        EmbeddedKafkaBroker broker = null;
        try {
            broker = EmbeddedKafkaBroker.start(java.util.Map.of(), security);
            registry.awaitReady();
            RegistryDefaults.apply(registry.url());
        } catch (RuntimeException e) {
            registry.close();
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
        LOG.info("Local test environment: Kafka {}, registry {}", broker.bootstrapServers(), registry.url());
        return new LocalKafkaRegistryEnvironment(broker, registry);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The broker: {@link EmbeddedKafkaBroker#bootstrapServers(String)} names its secured listeners. */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    @Override
    public void stopRegistry() {
        registry.close();
    }

    /** Makes the registry stop answering, keeping its schemas ({@link RegistryServerProcess#pause()}). */
    public void pauseRegistry() {
        registry.pause();
    }

    /** Lets a paused registry answer again. */
    public void resumeRegistry() {
        registry.resume();
    }

    /** Whether the registry process still runs. */
    public boolean registryAlive() {
        return registry.isAlive();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
