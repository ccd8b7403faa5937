package io.streamnet.jobs.cli;

import io.streamnet.jobs.run.ConfigFiles;

import io.streamnet.jobs.config.Job;
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
 * @param datasets        which datasets to replay (and so which task the job learns)
 * @param data            the shared data root (holding {@code sentiment/...}, {@code recommendation/...}), or null for
 *                        {@code $STREAMNET_DATA}, then {@code ../shared/data}, then the project's {@code datasets/}
 * @param limit           events replayed from each dataset at most, 0 for all
 * @param seed            seed of the canonical stream order and of the hold-back choice
 * @param rate            events per second sent to Kafka, 0 for as fast as possible
 * @param requestFraction share of events held back as unlabeled scoring requests
 * @param warmupEvents    the first this many events (at most half the stream) carry no requests: the JVM compiles
 *                        the job's code on them before the scoring latency is measured
 * @param report          directory of the report (learning curve, summary)
 * @param timeout         how long, after the last event is sent, the job may take to apply and score everything
 * @param config          a job configuration (YAML) to start from instead of the defaults, or null
 * @param overrides       {@code key=value} settings applied over the configuration, in order
 */
public record DemoOptions(DatasetSelection datasets, Path data, long limit, int seed, double rate,
                          double requestFraction, int warmupEvents, Path report, Duration timeout, Path config,
                          Map<String, String> overrides) {

  public static final double DEFAULT_RATE = 1_000;
  public static final double DEFAULT_REQUEST_FRACTION = 0.1;
  public static final int DEFAULT_WARMUP_EVENTS = 20_000;
  public static final int DEFAULT_SEED = 42;
  public static final Path DEFAULT_REPORT = Path.of("demo-report");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** What {@code --dataset} selects; the datasets' kind chooses the job's task. */
  public enum DatasetSelection {
    /** The UCI sentences, then IMDB when the data root has it (no option given). */
    DEFAULT,
    UCI, IMDB, SST2,
    /** UCI, IMDB and SST-2: each must be present. */
    ALL,
    /** MovieLens latest-small, in time order: the recommendation task. */
    MOVIELENS;

    static DatasetSelection parse(String value) throws UsageException {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "uci" -> UCI;
        case "imdb" -> IMDB;
        case "sst2" -> SST2;
        case "all" -> ALL;
        case "movielens" -> MOVIELENS;
        default -> throw new UsageException("--dataset must be uci, imdb, sst2, all or movielens, got '" + value
            + "'");
      };
    }

    /** The job's task for these datasets ({@code job.task}): recommendation for MovieLens, else sentiment. */
    public String task() {
      return this == MOVIELENS ? Job.RECOMMENDATION : Job.SENTIMENT;
    }
  }

  public static final String USAGE = String.join("\n",
      "usage: streamnet demo [--dataset uci|imdb|sst2|all|movielens] [--data DIR] [--limit N] [--seed S] [--rate N]",
      "                      [--request-fraction F] [--warmup N] [--report DIR] [--timeout SECONDS] [--config job.yaml]",
      "                      [--set KEY=VALUE ...]",
      "Runs the online learner end to end in this process: an embedded Kafka broker, an in-memory schema registry",
      "and a Flink MiniCluster. Replays a dataset through Kafka at a steady rate, holding a share back as requests;",
      "the job learns from the labeled events and answers the requests with its newest model.",
      "  --dataset           uci, imdb, sst2 or all: sentiment of texts (default: the UCI sentences, then IMDB when",
      "                      the data has it); movielens: recommendation (job.task: recommendation) on MovieLens",
      "                      latest-small in time order, a held-back rating becoming a request for that user's top 10",
      "  --data              shared data directory holding sentiment/... and recommendation/... (default:",
      "                      $STREAMNET_DATA or ../shared/data; the UCI sentences and MovieLens latest-small also",
      "                      come with the project in datasets/)",
      "  --limit             replay at most N events of each dataset (default: all)",
      "  --seed              seed of the stream order and of the held-back requests (default 42)",
      "  --rate              events per second sent to Kafka, 0 = as fast as possible (default 1000)",
      "  --request-fraction  share of events held back as unlabeled scoring requests (default 0.1)",
      "  --warmup            the first N events carry no requests, at most half the stream (default 20000): a",
      "                      cold JVM compiles broker, job and clients on them, as a service warms up before it",
      "                      takes traffic; their labeled events are learned from as any. 0 = requests from the start",
      "  --report            where to write learning-curve.png and summary.json (default demo-report)",
      "  --timeout           seconds the job may take, after the last event is sent, to apply every labeled",
      "                      event and score every request (default 120)",
      "  --config            job configuration (YAML) to start from, of the dataset's task (default: the built-in",
      "                      defaults of that task)",
      "  --set KEY=VALUE     override one configuration key (repeatable), e.g. --set trainer.batch_size=64",
      "A progress line goes to stderr about once a second. The report is written at the end, and the last line of",
      "stdout is the summary. Sentiment: labeled=… requests=… scored=… accuracy=… model_version=…",
      "freshness_p50_ms=… score_p50_ms=… score_p99_ms=… buffered=… buffered_wait_max_ms=… dlq=…. MovieLens:",
      "hr_at_10=… ndcg_at_10=… rmse=… scored=… model_version=… freshness_p50_ms=… score_p99_ms=… pop_hr_at_10=…",
      "labeled=… requests=… score_p50_ms=… buffered=… buffered_wait_max_ms=… dlq=…, HR@10 and NDCG@10 the trainer's",
      "(each positive ranked before it is learned from), POP's HR@10 on the same positives beside them. Score",
      "latencies are those of the requests served as they came; buffered counts the requests that came before the",
      "first model and waited for it.");

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
    int warmupEvents = DEFAULT_WARMUP_EVENTS;
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
        case "--warmup" -> warmupEvents = (int) OptionValues.integer(args, ++i, a, 0, Integer.MAX_VALUE);
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
    return new DemoOptions(datasets, data, limit, seed, rate, requestFraction, warmupEvents, report, timeout,
        config, overrides);
  }
}
