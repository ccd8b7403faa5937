package io.streamnet.jobs.bench;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.replay.DatasetEvents;
import io.streamnet.connect.replay.EventSequence;
import io.streamnet.connect.replay.HoldBack;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.connect.replay.ReplayTopics;
import io.streamnet.connect.replay.Replayer;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.nn.data.Dataset;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replayer throughput in steady state: replays whole datasets, unpaced, to a local broker, several times in one JVM
 * (warm-up passes first, as JMH would, so the JIT has compiled the producer and broker paths), each pass to a fresh
 * one-partition topic through a new producer with the replay CLI's settings ({@link ProducerSettings}). Prints one
 * line per pass and a median line per dataset. A cold single pass is what {@code ./streamnet replay} itself reports.
 *
 * <pre>
 * mvn -q -B -o -pl stream-jobs/bench -am package -DskipTests   (builds the benchmark jar)
 * java -cp stream-jobs/bench/target/streamnet-bench.jar \
 *     io.streamnet.jobs.bench.ReplayThroughputBenchmark [--datasets sst2,movielens] [--warmup 5] [--passes 5] \
 *     [--bootstrap HOST:PORT] [--compare linger.ms=5,batch.size=262144 --compare compression.type=none ...]
 * </pre>
 * Each {@code --compare} adds a set of producer overrides; the sets run interleaved (pass 1 of each set, then pass 2
 * of each, ...), so load changes on a shared machine hit them alike. Without it, the CLI's own settings run.
 * Without {@code --bootstrap} it starts an in-process broker ({@link EmbeddedKafkaBroker}); its CPU time then counts
 * in {@code cpu_us_per_event}, which is the whole process's CPU time per event. The registry is in memory: it is
 * asked once per schema, so it does not affect throughput. Not a test: run by hand, see docs/BENCHMARKS.md.
 */
public final class ReplayThroughputBenchmark {

    private ReplayThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Dataset> datasets = List.of(Dataset.SST2, Dataset.MOVIELENS);
        int warmup = 5;
        int passes = 5;
        String bootstrap = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasets = Arrays.stream(args[++i].split(",")).map(Dataset::fromCliName).toList();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--bootstrap" -> bootstrap = args[++i];
                case "--compare" -> settings.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --datasets"
                        + " a,b --warmup N --passes N --bootstrap HOST:PORT --compare k=v,k=v (repeatable)");
            }
        }
        if (settings.isEmpty()) {
            settings.add(""); // the replay CLI's own settings
        }
        EmbeddedKafkaBroker broker = bootstrap == null ? EmbeddedKafkaBroker.start() : null;
        try {
            String servers = broker != null ? broker.bootstrapServers() : bootstrap;
            System.out.printf(Locale.ROOT, "broker %s (%s), %d cores, load average %.1f at start%n", servers,
                    broker != null ? "in-process" : "external", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (Dataset dataset : datasets) {
                run(dataset, servers, warmup, passes, settings);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** Replays {@code dataset} warmup + passes times with each producer setting, the settings interleaved. */
    private static void run(Dataset dataset, String bootstrap, int warmup, int passes, List<String> settings)
            throws Exception {
        Path data = DatasetEvents.locate(dataset, null);
        EventSequence events = DatasetEvents.read(dataset, data, 42, HoldBack.none(), 10, System::currentTimeMillis);
        SchemaRegistryClient registry = SchemaRegistries.connect(RegistryConfig.of("mock://bench"));
        Map<String, List<double[]>> measured = new LinkedHashMap<>();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        int topicNumber = 0;
        for (int pass = 0; pass < warmup + passes; pass++) {
            for (String setting : settings) {
                boolean warm = pass >= warmup;
                double[] m = pass(dataset, events, registry, bootstrap, setting,
                        "bench." + dataset.cliName() + "." + runId + "." + topicNumber++);
                System.out.printf(Locale.ROOT, "%s %s pass %d%s: %.0f events/s, %.2f us CPU/event, load %.1f%n",
                        dataset.cliName(), label(setting), pass, warm ? "" : " (warm-up)", m[0], m[1],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (warm) {
                    measured.computeIfAbsent(setting, k -> new ArrayList<>()).add(m);
                }
            }
        }
        for (Map.Entry<String, List<double[]>> e : measured.entrySet()) {
            double[] rates = e.getValue().stream().mapToDouble(m -> m[0]).sorted().toArray();
            double[] cpu = e.getValue().stream().mapToDouble(m -> m[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "dataset=%s settings=%s events=%d passes=%d median_events_per_s=%.0f"
                            + " min=%.0f max=%.0f median_cpu_us_per_event=%.2f%n", dataset.cliName(), label(e.getKey()),
                    events.size(), rates.length, median(rates), rates[0], rates[rates.length - 1], median(cpu));
        }
    }

    private static String label(String setting) {
        return setting.isEmpty() ? "default" : setting;
    }

    /** One replay of the whole dataset to a fresh topic; returns {events/s, process CPU us per event}. */
    private static double[] pass(Dataset dataset, EventSequence events, SchemaRegistryClient registry,
            String bootstrap, String setting, String topic) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (String pair : setting.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                overrides.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.ensure(List.of(new TopicSpec(topic, 1, (short) 1, Map.of())));
        }
        ReplayResult result;
        long cpuBefore = processCpuNanos();
        try (Producer<String, SpecificRecord> producer = new KafkaProducer<>(
                ProducerSettings.of(bootstrap, "replay-bench", overrides), new StringSerializer(),
                new AvroKafkaSerializer<>(registry, AvroSerdeConfig.of(RegistryConfig.of("mock://bench")), false))) {
            result = new Replayer(producer, new ReplayTopics(topic, topic + ".requests"), 0,
                    Replayer.DEFAULT_MAX_IN_FLIGHT, ReplayProgress.silent()).replay(events, 0);
        }
        double cpuUsPerEvent = (processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, result.produced());
        if (!result.succeeded() || result.produced() != events.size()) {
            throw new IllegalStateException(dataset.cliName() + " to " + topic + " failed: " + result.summaryLine()
                    + " " + result.firstError());
        }
        deleteTopic(bootstrap, topic);
        return new double[] {result.eventsPerSecond(), cpuUsPerEvent};
    }

    private static void deleteTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
