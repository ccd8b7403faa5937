package io.streamnet.connect.cli;

import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.Dataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@code streamnet replay}.
 *
 * @param dataset            which dataset
 * @param topic              topic of the labeled events, or null for the dataset's StreamNet topic
 * @param requestsTopic      topic of the held-back requests, or null for the dataset's StreamNet topic
 * @param requestFraction    share of events held back as requests (unlabeled), in [0, 1]
 * @param bootstrap          Kafka bootstrap servers (ignored with {@code embedded})
 * @param registry           schema-registry URL(s) or {@code mock://scope}
 * @param rate               events per second, 0 for as fast as possible
 * @param limit              stop after this many events, 0 for all
 * @param seed               seed of the canonical order of texts and of the hold-back choice
 * @param path               directory or file holding the dataset, or null to look in the default places
 * @param createTopics       create the topics (idempotently) before producing
 * @param partitions         partitions of topics created here
 * @param replicationFactor  replication factor of topics created here
 * @param k                  items per recommendation request (MovieLens requests)
 * @param embedded           start an in-process broker and use an in-memory registry
 * @param quiet              no progress display
 * @param producerProperties extra Kafka producer (and registry client) properties, applied last
 */
public record ReplayOptions(Dataset dataset, String topic, String requestsTopic, double requestFraction,
        String bootstrap, String registry, double rate, long limit, int seed, Path path, boolean createTopics,
        int partitions, short replicationFactor, int k, boolean embedded, boolean quiet, Map<String, String> producerProperties) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Where {@code ops/registry.sh} serves the Confluent API. */
    public static final String DEFAULT_REGISTRY = "http://localhost:8081/apis/ccompat/v7";
    /** The in-memory registry of {@code --embedded}. */
    public static final String EMBEDDED_REGISTRY = "mock://streamnet-replay";

    public static final String USAGE = String.join("\n",
            "usage: streamnet replay --dataset imdb|sst2|uci|movielens [--topic T] [--requests-topic T]",
            "                        [--request-fraction F] [--bootstrap HOST:PORT] [--registry URL] [--rate N]",
            "                        [--limit M] [--seed S] [--path P] [--create-topics] [--partitions N]",
            "                        [--replication-factor R] [--k K] [--embedded] [--quiet]",
            "                        [--producer-config FILE] [--producer-property KEY=VALUE ...]",
            "Produces a dataset to Kafka as Avro events (Confluent wire format, schemas in the registry):",
            "texts as ReviewEvent in the canonical order for the seed, MovieLens ratings as Interaction in time order.",
            "  --dataset           imdb, sst2, uci (sentiment texts) or movielens (ratings)",
            "  --topic             labeled events (default: sentiment.labeled, or reco.interactions for movielens)",
            "  --requests-topic    held-back events (default: sentiment.requests, or reco.requests for movielens)",
            "  --request-fraction  share of events held back as requests, 0..1 (default 0): texts without their",
            "                      label, or RecoRequest for the rating's user; the choice is seeded per record",
            "  --bootstrap         Kafka bootstrap servers (default " + DEFAULT_BOOTSTRAP + ")",
            "  --registry          schema-registry URL, or mock://SCOPE for an in-memory one",
            "                      (default " + DEFAULT_REGISTRY + "; with --embedded " + EMBEDDED_REGISTRY + ")",
            "  --rate              events per second (default 0: as fast as possible)",
            "  --limit             stop after M events (default: the whole dataset)",
            "  --seed              seed of the text order and of the hold-back choice (default 42)",
            "  --path              directory (or file) with the dataset; default: $STREAMNET_DATA or",
            "                      ../shared/data, then datasets/",
            "  --create-topics     create the topics first (idempotent; StreamNet's topic configs)",
            "  --partitions        partitions of topics created here (default 1: one total order)",
            "  --replication-factor  replicas of topics created here (default 1)",
            "  --k                 items per recommendation request (default 10)",
            "  --embedded          start a Kafka broker in this process (and an in-memory registry), replay into",
            "                      it, stop it at exit: a quick try or a benchmark without any setup",
            "  --quiet             no progress display",
            "  --producer-property KEY=VALUE  a Kafka producer or registry-client setting (repeatable; wins over",
            "                      the defaults and --producer-config), e.g. security.protocol=SASL_SSL",
            "  --producer-config   FILE  such settings as a Java properties file (Kafka's client.properties)",
            "                      A password setting (sasl.jaas.config, ssl.*.password) may be env:NAME or",
            "                      file:PATH: its value is read from that variable or file, never the command line",
            "                      (ops/SECURITY.md).",
            "Progress goes to stderr; the last line of stdout is the summary as key=value pairs.",
            "Exit status: 0 success, 1 failure (data, broker, registry), 2 usage error.");

    /** Parses the arguments after the command name; null means help was asked for. */
    public static ReplayOptions parse(String[] args) throws UsageException {
        Dataset dataset = null;
        String topic = null;
        String requestsTopic = null;
        double requestFraction = 0;
        String bootstrap = null;
        String registry = null;
        double rate = 0;
        long limit = 0;
        int seed = 42;
        Path path = null;
        boolean createTopics = false;
        int partitions = 1;
        short replicationFactor = 1;
        int k = 10;
        boolean embedded = false;
        boolean quiet = false;
        Map<String, String> producerProperties = new LinkedHashMap<>();
        Path producerConfig = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--dataset" -> {
                    try {
                        dataset = Dataset.fromCliName(OptionValues.value(args, ++i, a));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--dataset: " + e.getMessage());
                    }
                }
                case "--topic" -> topic = topicName(args, ++i, a);
                case "--requests-topic" -> requestsTopic = topicName(args, ++i, a);
                case "--request-fraction" -> requestFraction = OptionValues.decimal(args, ++i, a, 0, 1);
                case "--bootstrap" -> bootstrap = OptionValues.value(args, ++i, a);
                case "--registry" -> registry = OptionValues.value(args, ++i, a);
                case "--rate" -> rate = OptionValues.decimal(args, ++i, a, 0, 1e9);
                case "--limit" -> limit = OptionValues.integer(args, ++i, a, 1, Integer.MAX_VALUE);
                case "--seed" -> seed = (int) OptionValues.integer(args, ++i, a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--path" -> path = OptionValues.existingPath(args, ++i, a);
                case "--create-topics" -> createTopics = true;
                case "--partitions" -> partitions = (int) OptionValues.integer(args, ++i, a, 1, 10_000);
                case "--replication-factor" -> replicationFactor = (short) OptionValues.integer(args, ++i, a, 1, Short.MAX_VALUE);
                case "--k" -> k = (int) OptionValues.integer(args, ++i, a, 1, 100_000);
                case "--embedded" -> embedded = true;
                case "--quiet" -> quiet = true;
                case "--producer-config" -> producerConfig = OptionValues.existingPath(args, ++i, a);
                case "--producer-property" -> {
                    String v = OptionValues.value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException(a + " needs KEY=VALUE, got '" + v + "'");
                    }
                    producerProperties.put(v.substring(0, eq).strip(), v.substring(eq + 1));
                }
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (producerConfig != null) {
            Map<String, String> merged = new LinkedHashMap<>(readProperties(producerConfig));
            merged.putAll(producerProperties); // single settings win over the file's
            producerProperties = merged;
        }
        if (dataset == null) {
            throw new UsageException("--dataset is required");
        }
        if (embedded && bootstrap != null) {
            throw new UsageException("--bootstrap and --embedded exclude each other: --embedded starts its own broker");
        }
        if (topic != null && topic.equals(requestsTopic)) {
            throw new UsageException("--topic and --requests-topic must differ, both are '" + topic + "'");
        }
        return new ReplayOptions(dataset, topic, requestsTopic, requestFraction,
                bootstrap != null ? bootstrap : DEFAULT_BOOTSTRAP,
                registry != null ? registry : embedded ? EMBEDDED_REGISTRY : DEFAULT_REGISTRY,
                rate, limit, seed, path, createTopics || embedded, partitions, replicationFactor, k, embedded, quiet,
                Map.copyOf(producerProperties));
    }

    private static Map<String, String> readProperties(Path file) throws UsageException {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new UsageException("--producer-config: cannot read " + file + " as a properties file ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static String topicName(String[] args, int i, String option) throws UsageException {
        String v = OptionValues.value(args, i, option);
        // Kafka's own rule for topic names.
        if (v.isEmpty() || v.length() > 249 || !v.matches("[a-zA-Z0-9._-]+") || v.equals(".") || v.equals("..")) {
            throw new UsageException(option + " '" + v + "' is not a valid Kafka topic name"
                    + " (1-249 characters of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        return v;
    }
}
