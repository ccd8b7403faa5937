package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.Kafka;
import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@link EndToEndBenchmark}.
 *
 * @param task         the job's task: what is trained and asked
 * @param rounds       how many times both phases run; the medians line summarizes them
 * @param warmupRounds rounds run first and not counted: they compile the code paths (JIT) that round 1 would
 *                     otherwise pay for
 * @param datasets     sentiment: the streams of the training phase, in order (SST-2, IMDB by default)
 * @param catalogues   recommendation: the catalogue sizes of the scoring phase, in order (1k, 10k, 100k items)
 * @param training     run the training-throughput phase
 * @param scoring      run the scoring-while-training phase
 * @param limit        events of each dataset in the training phase, 0 for all
 * @param minEvents    sentiment: without a limit, training-phase datasets shorter than this are replayed in passes
 *                     to this length; 0 for each dataset's default ({@link #minEvents(Dataset)})
 * @param data         the shared data root (holding sentiment/...), or null for $STREAMNET_DATA / ../shared/data
 * @param imdbOnly     sentiment: the scoring phase's labeled stream is IMDB in whole passes (new ids; repeats after
 *                     one pass)
 *                     instead of one canonical pass of IMDB then SST-2 (117,349 distinct events)
 * @param labeledRate  labeled events per second during the scoring phase
 * @param requestRate  scoring requests per second during the scoring phase
 * @param warmup       load before the measured window
 * @param window       the measured window
 * @param drain        the longest wait, after the window, for the window's outputs to arrive
 * @param overrides    job configuration keys set over the benchmark's own settings, in order
 * @param bootstrap    a broker of its own process to use instead of the in-process one, or null
 */
record BenchOptions(Task task, int rounds, int warmupRounds, List<Dataset> datasets, List<Integer> catalogues,
                    boolean training, boolean scoring, int limit, int minEvents, Path data, boolean imdbOnly,
                    double labeledRate, double requestRate, Duration warmup, Duration window, Duration drain,
                    Map<String, String> overrides, String bootstrap) {

  /** The tasks the benchmark drives, by their {@code job.task} name. */
  enum Task {
    SENTIMENT("sentiment"), RECOMMENDATION("recommendation");

    final String jobName;

    Task(String jobName) {
      this.jobName = jobName;
    }
  }

  static final int DEFAULT_ROUNDS = 3;
  static final List<Integer> DEFAULT_CATALOGUES = List.of(1_000, 10_000, 100_000);

  static final String USAGE = String.join("\n",
      "usage: EndToEndBenchmark [ROUNDS] [--task sentiment|recommendation] [--warmup-rounds N]",
      "                         [--phases training,scoring] [--datasets sst2,imdb] [--catalogues 1k,10k,100k]",
      "                         [--limit N] [--data DIR] [--labeled imdb-sst2|imdb] [--labeled-rate N]",
      "                         [--request-rate N] [--warmup S] [--window S] [--drain S] [--set KEY=VALUE ...]",
      "A task's job end to end on an in-process Kafka broker, an in-memory registry and a Flink MiniCluster.",
      "Each round: (1) training throughput: each dataset pre-loaded on a one-partition topic, the job run bounded",
      "over it, and nn-core's learner over the same stream in this JVM; (2) scoring latency and freshness: the job",
      "unbounded, paced labeled events and requests, a measured window after a warm-up. One key=value line per",
      "round on stdout, then the medians.",
      "  ROUNDS          measured rounds (default 3)",
      "  --task          sentiment (default; SST-2 and IMDB) or recommendation (MovieLens latest-small, and",
      "                  top-10 requests over catalogues of --catalogues items)",
      "  --warmup-rounds rounds run first and not counted, so that JIT compilation of Flink, Kafka and nn-core",
      "                  code does not fall on round 1 (default 1; their lines go to the log)",
      "  --datasets      sentiment: training-phase streams, comma separated: sst2, imdb (default sst2,imdb)",
      "  --catalogues    recommendation: the scoring phase's catalogue sizes, comma separated, each run on its own",
      "                  stream: 1k (MovieLens' 1,000 most rated movies), 10k (MovieLens), 100k (synthetic)",
      "                  (default 1k,10k,100k)",
      "  --phases        training, scoring or both (default training,scoring)",
      "  --limit         training-phase events per dataset (default: all; recommendation: MovieLens' first N)",
      "  --min-events    sentiment, without --limit: a training-phase dataset shorter than this is replayed in passes",
      "                  (new event ids) until it is this long, so that its rate is sustained over seconds; the runner",
      "                  gets the same stream (default: sst2 1000000 = 15 passes, imdb 200000 = 5 passes)",
      "  --data          shared data directory holding sentiment/... (default $STREAMNET_DATA or ../shared/data)",
      "  --labeled       sentiment: the scoring phase's labeled stream: imdb-sst2 (default: one pass of IMDB, then",
      "                  of SST-2, 117,349 distinct events) or imdb (IMDB in whole passes with new ids: every event",
      "                  a long review, the largest snapshots; reviews repeat after 50 s at 1,000/s)",
      "  --labeled-rate  labeled events/s in the scoring phase (default 1000)",
      "  --request-rate  scoring requests/s, paced evenly (default: sentiment 2000, recommendation 500; the 100k",
      "                  catalogue is asked at a fifth of it)",
      "  --warmup        seconds of load before the window (default 20)",
      "  --window        seconds measured (default 60)",
      "  --drain         seconds, at most, to wait after the window for its outputs (default 60)",
      "  --set KEY=VALUE a job configuration key over the benchmark's settings (repeatable), e.g.",
      "                  --set checkpointing.interval_ms=1000",
      "  --bootstrap     HOST:PORT of a broker in its own process (e.g. ops/kafka.sh start) instead of the in-process",
      "                  one; the benchmark creates and deletes its topics there");

  BenchOptions {
    datasets = List.copyOf(datasets);
    catalogues = List.copyOf(catalogues);
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  /** The options of {@code args}; null when help was asked for. */
  static BenchOptions parse(String[] args) throws UsageException {
    Task task = Task.SENTIMENT;
    int rounds = DEFAULT_ROUNDS;
    int warmupRounds = 1;
    List<Dataset> datasets = List.of(Dataset.SST2, Dataset.IMDB);
    List<Integer> catalogues = DEFAULT_CATALOGUES;
    List<String> sentimentOnly = new ArrayList<>();
    boolean cataloguesGiven = false;
    boolean training = true;
    boolean scoring = true;
    int limit = 0;
    int minEvents = 0;
    Path data = null;
    boolean imdbOnly = false;
    double labeledRate = 1_000;
    double requestRate = 0;
    Duration warmup = Duration.ofSeconds(20);
    Duration window = Duration.ofSeconds(60);
    Duration drain = Duration.ofSeconds(60);
    Map<String, String> overrides = new LinkedHashMap<>();
    String bootstrap = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--task" -> task = task(OptionValues.value(args, ++i, a));
        case "--rounds" -> rounds = (int) OptionValues.integer(args, ++i, a, 1, 1_000);
        case "--warmup-rounds" -> warmupRounds = (int) OptionValues.integer(args, ++i, a, 0, 100);
        case "--datasets" -> {
          datasets = datasets(OptionValues.value(args, ++i, a));
          sentimentOnly.add(a);
        }
        case "--catalogues" -> {
          catalogues = catalogues(OptionValues.value(args, ++i, a));
          cataloguesGiven = true;
        }
        case "--phases" -> {
          String v = OptionValues.value(args, ++i, a);
          List<String> phases = List.of(v.toLowerCase(Locale.ROOT).split(","));
          for (String p : phases) {
            if (!p.equals("training") && !p.equals("scoring")) {
              throw new UsageException("--phases: each must be training or scoring, got '" + p + "'");
            }
          }
          training = phases.contains("training");
          scoring = phases.contains("scoring");
        }
        case "--limit" -> limit = (int) OptionValues.integer(args, ++i, a, 1, Integer.MAX_VALUE);
        case "--min-events" -> {
          minEvents = (int) OptionValues.integer(args, ++i, a, 1, Integer.MAX_VALUE);
          sentimentOnly.add(a);
        }
        case "--data" -> {
          data = OptionValues.existingPath(args, ++i, a);
          if (!Files.isDirectory(data)) {
            throw new UsageException("--data " + data + " is not a directory");
          }
        }
        case "--labeled" -> {
          String v = OptionValues.value(args, ++i, a);
          if (!v.equals("imdb-sst2") && !v.equals("imdb")) {
            throw new UsageException("--labeled: imdb-sst2 or imdb, got '" + v + "'");
          }
          imdbOnly = v.equals("imdb");
          sentimentOnly.add(a);
        }
        case "--labeled-rate" -> labeledRate = OptionValues.decimal(args, ++i, a, 1, 1e6);
        case "--request-rate" -> requestRate = OptionValues.decimal(args, ++i, a, 1, 1e6);
        case "--warmup" -> warmup = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--window" -> window = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--drain" -> drain = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--set" -> {
          String v = OptionValues.value(args, ++i, a);
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--set needs KEY=VALUE, got '" + v + "'");
          }
          overrides.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
        }
        case "--bootstrap" -> {
          bootstrap = OptionValues.value(args, ++i, a);
          if (Kafka.notAServer(bootstrap) != null) { // the job's own check of kafka.bootstrap_servers
            throw new UsageException("--bootstrap needs HOST:PORT[,HOST:PORT...], got '" + bootstrap + "'");
          }
        }
        default -> {
          if (i == 0 && !a.startsWith("-")) {
            rounds = (int) OptionValues.integer(args, i, "ROUNDS", 1, 1_000);
          } else {
            throw new UsageException("unknown option '" + a + "'");
          }
        }
      }
    }
    if (!training && !scoring) {
      throw new UsageException("--phases selects nothing");
    }
    if (task != Task.SENTIMENT && !sentimentOnly.isEmpty()) {
      throw new UsageException(sentimentOnly.get(0) + ": for --task sentiment only");
    }
    if (task != Task.RECOMMENDATION && cataloguesGiven) {
      throw new UsageException("--catalogues: for --task recommendation only");
    }
    if (requestRate == 0) {
      requestRate = task == Task.SENTIMENT ? 2_000 : 500;
    }
    return new BenchOptions(task, rounds, warmupRounds, datasets, catalogues, training, scoring, limit, minEvents,
        data, imdbOnly, labeledRate, requestRate, warmup, window, drain, overrides, bootstrap);
  }

  static Task task(String value) throws UsageException {
    for (Task t : Task.values()) {
      if (t.jobName.equals(value)) {
        return t;
      }
    }
    throw new UsageException("--task: sentiment or recommendation, got '" + value + "'");
  }

  /** Catalogue sizes: 1k, 10k, 100k (or the same in digits), in the order given, each once. */
  static List<Integer> catalogues(String value) throws UsageException {
    List<Integer> out = new ArrayList<>();
    for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
      int size = switch (name.trim()) {
        case "1k", "1000" -> 1_000;
        case "10k", "10000" -> 10_000;
        case "100k", "100000" -> 100_000;
        default -> throw new UsageException("--catalogues: each must be 1k, 10k or 100k, got '" + name + "'");
      };
      if (!out.contains(size)) {
        out.add(size);
      }
    }
    return out;
  }

  /**
   * The length a training-phase stream of {@code dataset} is replayed to: SST-2's events are ~20 times cheaper than
   * IMDB's, so it needs more of them for a window of seconds (about 5 s of pipeline time each here).
   */
  int minEvents(Dataset dataset) {
    return minEvents > 0 ? minEvents : dataset == Dataset.SST2 ? 1_000_000 : 200_000;
  }

  private static List<Dataset> datasets(String value) throws UsageException {
    List<Dataset> out = new ArrayList<>();
    for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
      Dataset d = switch (name.trim()) {
        case "sst2" -> Dataset.SST2;
        case "imdb" -> Dataset.IMDB;
        default -> throw new UsageException("--datasets: each must be sst2 or imdb, got '" + name + "'");
      };
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }
}
