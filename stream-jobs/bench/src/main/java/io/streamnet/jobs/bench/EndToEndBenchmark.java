package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.ConfigException;
import io.streamnet.nn.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end benchmark of the job of a task (docs/BENCHMARKS.md, "End-to-end pipeline (stream-jobs)" for
 * sentiment, "Recommendation end to end"): an in-process Kafka broker, an in-memory schema registry and a Flink
 * MiniCluster per run, all in this JVM, with {@link TrainingBenchmark} (training throughput against nn-core's learner)
 * and {@link ScoringBenchmark} (scoring latency and freshness while training) in every round, as the task's
 * {@link BenchTask} composes them. Prints one {@code key=value} line per round on stdout, then
 * {@code medians rounds=N ...}; log lines go to stderr.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms6g -Xmx6g -XX:MaxGCPauseMillis=10 \
 *     -cp stream-jobs/target/streamnet-jobs-cli.jar io.streamnet.jobs.bench.EndToEndBenchmark [ROUNDS] [options]
 * </pre>
 * Exit status: 0 done, 1 a run failed, 2 usage or configuration error.
 */
public final class EndToEndBenchmark {
  /** The CLI jar's log configuration: StreamNet's events on stderr, libraries' warnings only. */
  private static final String LOG_CONFIG = "streamnet-jobs-log4j2.xml";
  private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

  static {
    // Before the first logger below: logging reads its configuration once, when it starts.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
    if (System.getProperty(JUL_FORMAT) == null) {
      System.setProperty(JUL_FORMAT, "%1$tH:%1$tM:%1$tS.%1$tL %4$-5s %3$s - %5$s%6$s%n");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EndToEndBenchmark.class);

  private EndToEndBenchmark() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
      if (o == null) {
        out.println(BenchOptions.USAGE);
        return 0;
      }
      for (String key : o.overrides().keySet()) {
        if (BenchJob.OWNED_KEYS.contains(key)) {
          throw new UsageException("--set " + key + ": the benchmark sets it for each run itself");
        }
      }
      BenchJob.config(o.task() == BenchOptions.Task.SENTIMENT ? BenchJob.SENTIMENT : BenchJob.RECOMMENDATION,
          "check", "127.0.0.1:9092", "check.labeled", "check.requests", Path.of("."), Map.of(), o.overrides());
    } catch (UsageException | ConfigException e) {
      err.println("EndToEndBenchmark: " + e.getMessage());
      err.println(BenchOptions.USAGE);
      return 2;
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("streamnet-bench-");
      return runRounds(o, work, out);
    } catch (Exception e) {
      LOG.error("benchmark failed: {}", BenchJob.rootMessage(e), e);
      err.println("EndToEndBenchmark: failed: " + BenchJob.rootMessage(e));
      return 1;
    } finally {
      deleteQuietly(work);
    }
  }

  private static int runRounds(BenchOptions o, Path work, PrintStream out) throws Exception {
    LOG.info("benchmark of the {} job: {} rounds after {} warm-up; {} cores, load average {}", o.task().jobName,
        o.rounds(), o.warmupRounds(), Runtime.getRuntime().availableProcessors(),
        String.format(Locale.ROOT, "%.1f", loadAverage()));
    List<SummaryLine> rounds = new ArrayList<>();
    try (BenchKafka kafka = BenchKafka.start()) {
      BenchTask task = o.task() == BenchOptions.Task.SENTIMENT ? SentimentBench.prepare(kafka, work, o)
          : RecoBench.prepare(kafka, work, o);
      for (int w = 1; w <= o.warmupRounds(); w++) {
        LOG.info("warm-up round {} of {} (not counted): {}", w, o.warmupRounds(), round("w" + w, w, task));
      }
      for (int r = 1; r <= o.rounds(); r++) {
        SummaryLine line = round("r" + r, r, task);
        out.println(line);
        out.flush();
        rounds.add(line);
      }
    }
    SummaryLine medians = new SummaryLine().put("rounds", rounds.size());
    SummaryLine.medians(rounds).asMap().forEach((k, v) -> {
      if (!k.equals("round")) {
        medians.put(k, v);
      }
    });
    out.println("medians " + medians);
    return 0;
  }

  private static SummaryLine round(String name, int number, BenchTask task) throws Exception {
    return new SummaryLine().put("round", number).put("load1", loadAverage()).putAll("", task.round(name));
  }

  /**
   * A full collection before each run (0.1-0.25 s), so that no run pays for the garbage that the runs before it left
   * in this JVM: the scoring phase follows the training phase's SST-2 and IMDB jobs, runner and broker traffic.
   */
  static void collectBetweenRuns() {
    long start = System.nanoTime();
    System.gc();
    LOG.info("full collection before the run: {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the benchmark's work directory {}: {}", dir, e.getMessage());
    }
  }
}
