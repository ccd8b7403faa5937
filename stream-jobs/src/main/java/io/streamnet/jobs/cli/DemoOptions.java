package io.streamnet.jobs.cli;

import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code streamnet demo}.
 *
 * @param datasets        which datasets to replay
 * @param data            the shared data root (holding {@code sentiment/...}), or null for {@code $STREAMNET_DATA},
 *                        then {@code ../shared/data}, then the project's {@code datasets/}
 * @param limit           events replayed from each dataset at most, 0 for all
 * @param seed            seed of the canonical stream order and of the hold-back choice
 * @param rate            events per second sent to Kafka, 0 for as fast as possible
 * @param requestFraction share of events held back as unlabeled scoring requests
 * @param report          directory of the report (learning curve, summary)
 * @param timeout         how long, after the last event is sent, the job may take to apply and score everything
 * @param config          a job configuration (YAML) to start from instead of the defaults, or null
 * @param overrides       {@code key=value} settings applied over the configuration, in order
 */
public record DemoOptions(DatasetSelection datasets, Path data, long limit, int seed, double rate,
                          double requestFraction, Path report, Duration timeout, Path config,
                          Map<String, String> overrides) {

  public static final double DEFAULT_RATE = 1_000;
  public static final double DEFAULT_REQUEST_FRACTION = 0.1;
  public static final int DEFAULT_SEED = 42;
  public static final Path DEFAULT_REPORT = Path.of("demo-report");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** What {@code --dataset} selects. */
  public enum DatasetSelection {
    /** The UCI sentences, then IMDB when the data root has it (no option given). */
    DEFAULT,
    UCI, IMDB, SST2,
    /** UCI, IMDB and SST-2: each must be present. */
    ALL;

    static DatasetSelection parse(String value) throws UsageException {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "uci" -> UCI;
        case "imdb" -> IMDB;
        case "sst2" -> SST2;
        case "all" -> ALL;
        default -> throw new UsageException("--dataset must be uci, imdb, sst2 or all, got '" + value + "'");
      };
    }
  }

  public static final String USAGE = String.join("\n",
      "usage: streamnet demo [--dataset uci|imdb|sst2|all] [--data DIR] [--limit N] [--seed S] [--rate N]",
      "                      [--request-fraction F] [--report DIR] [--timeout SECONDS] [--config job.yaml]",
      "                      [--set KEY=VALUE ...]",
      "Runs the online learner end to end in this process: an embedded Kafka broker, an in-memory schema registry",
      "and a Flink MiniCluster. Replays labeled texts through Kafka at a steady rate, holding a share back as",
      "scoring requests; the job learns from the labeled events and scores the requests with its newest model.",
      "  --dataset           uci, imdb, sst2 or all (default: the UCI sentences, then IMDB when the data has it)",
      "  --data              shared data directory holding sentiment/... (default: $STREAMNET_DATA or",
      "                      ../shared/data; the UCI sentences also come with the project in datasets/)",
      "  --limit             replay at most N events of each dataset (default: all)",
      "  --seed              seed of the stream order and of the held-back requests (default 42)",
      "  --rate              events per second sent to Kafka, 0 = as fast as possible (default 1000)",
      "  --request-fraction  share of events held back as unlabeled scoring requests (default 0.1)",
      "  --report            where to write learning-curve.png and summary.json (default demo-report)",
      "  --timeout           seconds the job may take, after the last event is sent, to apply every labeled",
      "                      event and score every request (default 120)",
      "  --config            job configuration (YAML) to start from (default: the built-in defaults)",
      "  --set KEY=VALUE     override one configuration key (repeatable), e.g. --set trainer.batch_size=64",
      "A progress line goes to stderr about once a second. The report is written at the end, and the last line of",
      "stdout is the summary: labeled=… requests=… scored=… accuracy=… model_version=… freshness_p50_ms=…",
      "score_p50_ms=… score_p99_ms=… buffered=… buffered_wait_max_ms=… dlq=…: the score latencies of the requests",
      "served as they came, and apart the requests that came before the first model and waited for it.");

  public DemoOptions {
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(timeout, "timeout");
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides)); // in order: later keys win
  }

  /** The options of {@code args} (the arguments after {@code demo}); null when help was asked for. */
  public static DemoOptions parse(String[] args) throws UsageException {
    DatasetSelection datasets = DatasetSelection.DEFAULT;
    Path data = null;
    long limit = 0;
    int seed = DEFAULT_SEED;
    double rate = DEFAULT_RATE;
    double requestFraction = DEFAULT_REQUEST_FRACTION;
    Path report = DEFAULT_REPORT;
    Duration timeout = DEFAULT_TIMEOUT;
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--dataset" -> datasets = DatasetSelection.parse(OptionValues.value(args, ++i, a));
        case "--data" -> {
          data = OptionValues.existingPath(args, ++i, a);
          if (!Files.isDirectory(data)) {
            throw new UsageException("--data " + data + " is not a directory");
          }
        }
        case "--limit" -> limit = OptionValues.integer(args, ++i, a, 1, Integer.MAX_VALUE);
        case "--seed" -> seed = (int) OptionValues.integer(args, ++i, a, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case "--rate" -> rate = OptionValues.decimal(args, ++i, a, 0, 1e7);
        // Both ends excluded: the demo needs labeled events to learn from and requests to score.
        case "--request-fraction" -> {
          requestFraction = OptionValues.decimal(args, ++i, a, 0, 1);
          if (requestFraction == 0 || requestFraction == 1) {
            throw new UsageException("--request-fraction must be above 0 and below 1, got " + args[i]);
          }
        }
        case "--report" -> report = Path.of(OptionValues.value(args, ++i, a));
        case "--timeout" -> timeout = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 86_400));
        case "--config" -> config = ConfigFiles.existingFile(args, ++i, a);
        case "--set" -> ConfigFiles.addOverride(overrides, args, ++i, a);
        default -> throw new UsageException("unknown option '" + a + "'");
      }
    }
    if (Files.exists(report) && !Files.isDirectory(report)) {
      throw new UsageException("--report " + report + " exists and is not a directory");
    }
    return new DemoOptions(datasets, data, limit, seed, rate, requestFraction, report, timeout, config, overrides);
  }
}
