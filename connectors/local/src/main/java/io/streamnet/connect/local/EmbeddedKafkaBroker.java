package io.streamnet.connect.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (combined broker + KRaft controller, one node) running inside this JVM, for the demo and
 * the integration tests. It listens on 127.0.0.1 only, on free ports chosen at start, keeps its logs in a fresh
 * temporary directory, and {@link #close()} shuts it down and deletes that directory.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Another process may take a port between our probe and the broker's bind; then we try new ports. */
    private static final int BIND_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> OWNED_SETTINGS = Set.of("node.id", "process.roles", "listeners",
            "advertised.listeners", "controller.listener.names", "listener.security.protocol.map",
            "inter.broker.listener.name", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;
    /** {@code host:port} of each secured listener ({@link BrokerSecurity}), by listener name. */
    private final Map<String, String> securedBootstrap;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, String bootstrapServers,
            Map<String, String> securedBootstrap) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.securedBootstrap = Map.copyOf(securedBootstrap);
    }

    /** Starts a broker with the defaults of {@link #start(Map)}. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /**
     * Starts a broker and returns once it answers metadata requests.
     *
     * @param overrides broker settings that replace the defaults (for example {@code auto.create.topics.enable});
     *     listener, node and directory settings are owned by this class and cannot be overridden
     */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
        return start(overrides, null);
    }

    /**
     * Starts a broker that also has the secured listeners of {@code security} (null: none); their addresses are
     * {@link #bootstrapServers(String)}.
     */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides, BrokerSecurity security) {
        RuntimeException lastBindFailure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            Path dataDir = createDataDir();
            int brokerPort = FreePorts.pick();
            int controllerPort = FreePorts.pick();
            List<Integer> securedPorts = security == null ? List.of()
                    : security.listeners().stream().map(l -> FreePorts.pick()).toList();
            try {
                return startOnce(dataDir, brokerPort, controllerPort, overrides, security, securedPorts);
            } catch (RuntimeException e) {
                deleteQuietly(dataDir);
                if (!isBindFailure(e)) {
                    throw e;
                }
                LOG.warn("Embedded Kafka could not bind 127.0.0.1:{}/{} (attempt {} of {}); trying other ports",
                        brokerPort, controllerPort, attempt, BIND_ATTEMPTS);
                lastBindFailure = e;
            }
        }
        throw new IllegalStateException("Embedded Kafka broker could not bind free ports on 127.0.0.1", lastBindFailure);
    }

    private static EmbeddedKafkaBroker startOnce(Path dataDir, int brokerPort, int controllerPort,
            Map<String, String> overrides, BrokerSecurity security, List<Integer> securedPorts) {
        Map<String, String> props = brokerProperties(dataDir, brokerPort, controllerPort, overrides);
        Map<String, String> securedBootstrap = new HashMap<>();
        if (security != null) {
            security.addTo(props, securedPorts);
            for (int i = 0; i < securedPorts.size(); i++) {
                securedBootstrap.put(security.listeners().get(i), "127.0.0.1:" + securedPorts.get(i));
            }
        }
        KafkaConfig config = new KafkaConfig(props, false);
        format(dataDir, security == null ? List.of() : security.scramArguments());
        long startedAt = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = "127.0.0.1:" + brokerPort;
        try {
            server.startup();
            awaitReady(bootstrap);
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw e;
        }
        LOG.info("Embedded Kafka broker ready at {}{} in {} ms (data in {})", bootstrap,
                securedBootstrap.isEmpty() ? "" : " " + securedBootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
        return new EmbeddedKafkaBroker(server, dataDir, bootstrap, securedBootstrap);
    }

    static Map<String, String> brokerProperties(Path dataDir, int brokerPort, int controllerPort,
            Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        // A single node must be able to host every internal topic on its own.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join immediately instead of waiting for more members that never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.putAll(overrides);

        for (String key : overrides.keySet()) {
            if (OWNED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("Embedded Kafka setting '" + key
                        + "' is chosen by EmbeddedKafkaBroker and cannot be overridden (owned: " + OWNED_SETTINGS + ")");
            }
        }
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("process.roles", "broker,controller");
        props.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("log.dirs", dataDir.resolve("log").toString());
        return props;
    }

    private static void format(Path dataDir, List<String> scramArguments) {
        String logDir = dataDir.resolve("log").toString();
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments)
                    .setPrintStream(quiet)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format KRaft storage in " + logDir, e);
        }
    }

    /** The broker is ready when a client sees it in the cluster metadata. */
    private static void awaitReady(String bootstrap) {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(conf)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embedded Kafka at " + bootstrap, e);
                } catch (Exception e) {
                    last = e;
                }
            }
            throw new IllegalStateException("Embedded Kafka at " + bootstrap + " not ready within " + READY_TIMEOUT, last);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@code host:port} of the secured listener {@code listener} ({@link BrokerSecurity#SASL_SSL},
     * {@link BrokerSecurity#SSL}).
     */
    public String bootstrapServers(String listener) {
        String address = securedBootstrap.get(listener);
        if (address == null) {
            throw new IllegalArgumentException("this broker has no listener " + listener + " (it has PLAINTEXT"
                    + (securedBootstrap.isEmpty() ? "" : ", " + String.join(", ", securedBootstrap.keySet())) + ")");
        }
        return address;
    }

    /** The temporary directory holding this broker's logs; deleted by {@link #close()}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down, waits for it to stop, and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startedAt = System.nanoTime();
        shutdownQuietly(server);
        deleteQuietly(dataDir);
        LOG.info("Embedded Kafka broker at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("streamnet-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for embedded Kafka", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
