package io.streamnet.jobs.bench;

import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@link EdgeScorerBenchmark}.
 *
 * @param rounds          measured rounds; the medians line summarizes them
 * @param warmupRounds    rounds run first and not counted (JIT compilation of Flink, Kafka Streams and nn-core)
 * @param tasks           the tasks measured in each round, in order
 * @param commitIntervals the edge scorer's commit intervals (ms), one run each per task and round
 * @param sentimentRate   sentiment requests/s at the offered rate
 * @param recoRate        recommendation requests/s at the offered rate
 * @param catalogue       recommendation: the catalogue's size (1k, 10k or 100k items, as {@code Catalogues})
 * @param sentimentBurst  sentiment requests in the saturation burst
 * @param recoBurst       recommendation requests in the saturation burst
 * @param labeledRate     labeled events/s while scoring (the Flink job trains on them)
 * @param warmup          load before the window
 * @param window          the measured window at the offered rate
 * @param drain           the longest wait for the answers of the window, and of the burst
 * @param data            the shared data root, or null for $STREAMNET_DATA / ../shared/data
 */
record EdgeBenchOptions(int rounds, int warmupRounds, List<BenchOptions.Task> tasks, List<Integer> commitIntervals,
                        double sentimentRate, double recoRate, int catalogue, long sentimentBurst, long recoBurst,
                        double labeledRate, Duration warmup, Duration window, Duration drain, Path data) {

  static final String USAGE = String.join("\n",
      "usage: EdgeScorerBenchmark [ROUNDS] [--tasks sentiment,recommendation] [--warmup-rounds N]",
      "                           [--commit-intervals 100,10] [--sentiment-rate N] [--reco-rate N]",
      "                           [--catalogue 1k|10k|100k] [--sentiment-burst N] [--reco-burst N]",
      "                           [--labeled-rate N] [--warmup S] [--window S] [--drain S] [--data DIR]",
      "The edge scorer (Kafka Streams) beside the Flink scorer, in one JVM with the Flink job training: both answer",
      "the same requests on the same cores. Per task and edge commit interval, one run: requests at a fixed rate",
      "(a measured window after a warm-up), then a burst sent as fast as possible (each scorer's maximum rate).",
      "One key=value line per round on stdout, then the medians.",
      "  ROUNDS             measured rounds (default 3)",
      "  --tasks            sentiment, recommendation or both (default both)",
      "  --warmup-rounds    rounds run first and not counted (default 1)",
      "  --commit-intervals the edge's commit.interval.ms values, one run each (default 100,10: its default and a",
      "                     short one)",
      "  --sentiment-rate   sentiment requests/s (default 1000)",
      "  --reco-rate        recommendation requests/s (default 500)",
      "  --catalogue        recommendation catalogue (default 1k: MovieLens' 1,000 most rated movies)",
      "  --sentiment-burst  sentiment requests in the burst (default 30000)",
      "  --reco-burst       recommendation requests in the burst (default 15000)",
      "  --labeled-rate     labeled events/s the job trains on meanwhile (default 1000)",
      "  --warmup           seconds of load before the window (default 15)",
      "  --window           seconds measured at the fixed rate (default 30)",
      "  --drain            seconds, at most, to wait for the answers of the window, and of the burst (default 60)",
      "  --data             shared data directory holding sentiment/... (default $STREAMNET_DATA or ../shared/data)");

  EdgeBenchOptions {
    tasks = List.copyOf(tasks);
    commitIntervals = List.copyOf(commitIntervals);
  }

  /** The options of {@code args}; null when help was asked for. */
  static EdgeBenchOptions parse(String[] args) throws UsageException {
    int rounds = 3;
    int warmupRounds = 1;
    List<BenchOptions.Task> tasks = List.of(BenchOptions.Task.SENTIMENT, BenchOptions.Task.RECOMMENDATION);
    List<Integer> commitIntervals = List.of(100, 10);
    double sentimentRate = 1_000;
    double recoRate = 500;
    int catalogue = 1_000;
    long sentimentBurst = 30_000;
    long recoBurst = 15_000;
    double labeledRate = 1_000;
    Duration warmup = Duration.ofSeconds(15);
    Duration window = Duration.ofSeconds(30);
    Duration drain = Duration.ofSeconds(60);
    Path data = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--rounds" -> rounds = (int) OptionValues.integer(args, ++i, a, 1, 1_000);
        case "--warmup-rounds" -> warmupRounds = (int) OptionValues.integer(args, ++i, a, 0, 100);
        case "--tasks" -> tasks = tasks(OptionValues.value(args, ++i, a));
        case "--commit-intervals" -> commitIntervals = commitIntervals(OptionValues.value(args, ++i, a));
        case "--sentiment-rate" -> sentimentRate = OptionValues.decimal(args, ++i, a, 1, 1e6);
        case "--reco-rate" -> recoRate = OptionValues.decimal(args, ++i, a, 1, 1e6);
        case "--catalogue" -> catalogue = catalogue(OptionValues.value(args, ++i, a));
        case "--sentiment-burst" -> sentimentBurst = OptionValues.integer(args, ++i, a, 1, 10_000_000);
        case "--reco-burst" -> recoBurst = OptionValues.integer(args, ++i, a, 1, 10_000_000);
        case "--labeled-rate" -> labeledRate = OptionValues.decimal(args, ++i, a, 1, 1e6);
        case "--warmup" -> warmup = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--window" -> window = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--drain" -> drain = Duration.ofSeconds(OptionValues.integer(args, ++i, a, 1, 3_600));
        case "--data" -> {
          data = OptionValues.existingPath(args, ++i, a);
          if (!Files.isDirectory(data)) {
            throw new UsageException("--data " + data + " is not a directory");
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
    return new EdgeBenchOptions(rounds, warmupRounds, tasks, commitIntervals, sentimentRate, recoRate, catalogue,
        sentimentBurst, recoBurst, labeledRate, warmup, window, drain, data);
  }

  private static List<BenchOptions.Task> tasks(String value) throws UsageException {
    List<BenchOptions.Task> out = new ArrayList<>();
    for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
      BenchOptions.Task t = BenchOptions.task(name.trim());
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Integer> commitIntervals(String value) throws UsageException {
    List<Integer> out = new ArrayList<>();
    for (String ms : value.split(",")) {
      int v;
      try {
        v = Integer.parseInt(ms.trim());
      } catch (NumberFormatException e) {
        throw new UsageException("--commit-intervals: milliseconds, comma separated, got '" + ms + "'");
      }
      if (v < 1 || v > 60_000) {
        throw new UsageException("--commit-intervals: each must be 1 to 60000 ms, got " + v);
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static int catalogue(String value) throws UsageException {
    List<Integer> sizes = BenchOptions.catalogues(value);
    if (sizes.size() != 1) {
      throw new UsageException("--catalogue: one of 1k, 10k or 100k, got '" + value + "'");
    }
    return sizes.get(0);
  }
}
