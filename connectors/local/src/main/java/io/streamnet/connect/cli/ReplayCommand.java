package io.streamnet.connect.cli;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.registry.SchemaRegistryException;
import io.streamnet.connect.replay.DatasetEvents;
import io.streamnet.connect.replay.EventSequence;
import io.streamnet.connect.replay.HoldBack;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.connect.replay.ReplayTopics;
import io.streamnet.connect.replay.Replayer;
import io.streamnet.connect.security.KafkaClientSecrets;
import io.streamnet.connect.security.KafkaFailures;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.MalformedDataException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code streamnet replay}: produce a dataset to Kafka as Avro events (see {@link ReplayOptions#USAGE}). Progress
 * and messages go to stderr; the last line of stdout is the summary, {@code key=value} pairs. Exit status 0 on
 * success, 1 when the replay fails (data not found or malformed, broker or registry unreachable, a failed send), 2
 * on a usage error. Ctrl-C stops the replay after the current event, flushes what was sent, and prints the summary.
 */
public final class ReplayCommand {
    /** The log configuration of the CLI jar: StreamNet's events on stderr, libraries' warnings only. */
    static final String LOG_CONFIG = "streamnet-replay-log4j2.xml";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(30);
    private static final Duration BROKER_CHECK = Duration.ofSeconds(15);

    private final PrintStream out;
    private final PrintStream err;
    private final ReplayProgress progress;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Replayer replayer;

    public ReplayCommand(PrintStream out, PrintStream err, ReplayProgress progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        ReplayCommand command = new ReplayCommand(System.out, System.err, null);
        Runtime.getRuntime().addShutdownHook(new Thread(command::stopAndWait, "streamnet-replay-stop"));
        System.exit(command.run(args));
    }

    /** Runs the command once; returns the exit status. */
    public int run(String[] args) {
        try {
            return runOnce(args);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Stops a running {@link #run} (from another thread: the shutdown hook on Ctrl-C) and waits, at most 30 s, until
     * it has flushed what it sent and printed its summary; {@code run} then returns 130.
     */
    public void stopAndWait() {
        stopRequested = true;
        Replayer current = replayer;
        if (current != null) {
            current.requestStop();
        }
        try {
            finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runOnce(String[] args) {
        ReplayOptions o;
        try {
            o = ReplayOptions.parse(args);
        } catch (UsageException e) {
            err.println("streamnet replay: " + e.getMessage());
            err.println(ReplayOptions.USAGE);
            return 2;
        }
        if (o == null) {
            out.println(ReplayOptions.USAGE);
            return 0;
        }
        EmbeddedKafkaBroker broker = null;
        try {
            Path data = DatasetEvents.locate(o.dataset(), o.path());
            long loadStart = System.nanoTime();
            EventSequence events = DatasetEvents.read(o.dataset(), data, o.seed(),
                    new HoldBack(o.requestFraction(), o.seed()), o.k(), System::currentTimeMillis);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            if (o.embedded()) {
                broker = EmbeddedKafkaBroker.start();
            }
            String bootstrap = broker != null ? broker.bootstrapServers() : o.bootstrap();
            Map<String, String> producerProps = KafkaClientSecrets.resolveStrings(o.producerProperties(),
                    System::getenv);
            Map<String, Object> clientProps = new HashMap<>(producerProps);
            clientProps.put(RegistryConfig.URL, o.registry());
            SchemaRegistryClient registry = SchemaRegistries.connect(RegistryConfig.fromProperties(clientProps));
            registry.verifyReachable();
            verifyBrokerReachable(bootstrap, producerProps);

            ReplayTopics topics = ReplayTopics.forDataset(o.dataset(), o.topic(), o.requestsTopic());
            if (o.createTopics()) {
                createTopics(bootstrap, o, topics, producerProps);
            }
            long total = o.limit() > 0 ? Math.min(o.limit(), events.size()) : events.size();
            err.printf(Locale.ROOT, "streamnet replay: %s: %,d of %,d events from %s (read in %.2f s) -> %s%s,"
                            + " rate %s, broker %s, registry %s%n", o.dataset().cliName(), total, events.size(), data,
                    loadSeconds, topics.labeled(), o.requestFraction() > 0 ? String.format(Locale.ROOT,
                            " (%.3g held back -> %s)", o.requestFraction(), topics.requests()) : "",
                    o.rate() > 0 ? o.rate() + "/s" : "unlimited", bootstrap, registry.endpoint());
            if (stopRequested) {
                err.println("streamnet replay: stopped before producing anything");
                return 130;
            }

            ReplayResult result;
            long cpuNanos;
            Producer<String, SpecificRecord> producer = new KafkaProducer<>(
                    ProducerSettings.of(bootstrap, "streamnet-replay-" + o.dataset().cliName(), producerProps),
                    new StringSerializer(),
                    new AvroKafkaSerializer<>(registry, AvroSerdeConfig.fromProperties(clientProps), false));
            try {
                Replayer r = new Replayer(producer, topics, o.rate(), Replayer.DEFAULT_MAX_IN_FLIGHT,
                        o.quiet() ? ReplayProgress.silent() : progress != null ? progress : ReplayProgress.forStderr());
                replayer = r;
                if (stopRequested) {
                    r.requestStop();
                }
                long cpuBefore = processCpuNanos();
                result = r.replay(events, total);
                cpuNanos = processCpuNanos() - cpuBefore;
            } finally {
                producer.close(PRODUCER_CLOSE);
            }
            // cpu_s: this process's CPU time during the replay (with --embedded, the broker's too): on a busy machine
            // it tells what the replay costs when events_per_s only tells what it got.
            out.printf(Locale.ROOT, "dataset=%s %s cpu_s=%.3f seed=%d request_fraction=%s load_s=%.3f%n",
                    o.dataset().cliName(), result.summaryLine(), cpuNanos / 1e9, o.seed(), o.requestFraction(),
                    loadSeconds);
            out.flush();
            if (!result.succeeded()) {
                err.println("streamnet replay: error: failed events: " + result.failed() + " (sent " + result.sent()
                        + ", acknowledged " + result.produced() + "); first failure: " + result.firstError());
                return 1;
            }
            return result.stopped() ? 130 : 0;
        } catch (MalformedDataException | IllegalArgumentException | IllegalStateException | UncheckedIOException
                 | SchemaRegistryException | KafkaException | TopicAdmin.TopicAdminException e) {
            err.println("streamnet replay: error: " + e.getMessage());
            return 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /**
     * Fails fast, naming the servers, when no broker answers (the producer would wait 60 s per topic). The wait is
     * {@code default.api.timeout.ms} when given as a producer property, else 15 s.
     */
    private static void verifyBrokerReachable(String bootstrap, Map<String, String> clientProps) {
        Map<String, Object> conf = new HashMap<>(clientProps);
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        conf.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(BROKER_CHECK.toMillis()));
        long waitMs = Long.parseLong(conf.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString().strip());
        conf.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(waitMs));
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(waitMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka at " + bootstrap, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            KafkaFailures.securityFailure(cause, bootstrap).ifPresent(m -> {
                throw new IllegalStateException(m, cause);
            });
            throw new IllegalStateException("no Kafka broker answered at " + bootstrap + " within "
                    + waitMs + " ms (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")", cause);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void createTopics(String bootstrap, ReplayOptions o, ReplayTopics topics, Map<String, String> clientProps) {
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(spec(topics.labeled(), o));
        if (o.requestFraction() > 0) {
            specs.add(spec(topics.requests(), o));
        }
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap, new HashMap<>(clientProps))) {
            TopicAdmin.EnsureReport report = admin.ensure(specs);
            report.warnings().forEach(w -> err.println("streamnet replay: warning: " + w));
        }
    }

    private static TopicSpec spec(String topic, ReplayOptions o) {
        return new TopicSpec(topic, o.partitions(), o.replicationFactor(), StreamNetTopics.configsOf(topic));
    }
}
