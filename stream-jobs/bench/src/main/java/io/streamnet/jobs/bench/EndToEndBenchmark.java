package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.ConfigException;
import io.streamnet.nn.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
 *     -cp stream-jobs/bench/target/streamnet-bench.jar io.streamnet.jobs.bench.EndToEndBenchmark [ROUNDS] [options]
 * </pre>
 * Exit status: 0 done, 1 a run failed, 2 usage or configuration error.
 */
public final class EndToEndBenchmark {
  static {
    BenchLogging.configure(); // before the first logger below
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
    return BenchRounds.inWorkDirectory("EndToEndBenchmark", err, work -> runRounds(o, work, out));
  }

  private static int runRounds(BenchOptions o, Path work, PrintStream out) throws Exception {
    LOG.info("benchmark of the {} job: {} rounds after {} warm-up; {} cores, load average {}", o.task().jobName,
        o.rounds(), o.warmupRounds(), Runtime.getRuntime().availableProcessors(),
        String.format(Locale.ROOT, "%.1f", BenchRounds.loadAverage()));
    try (BenchKafka kafka = BenchKafka.start(o.bootstrap())) {
      BenchRounds.run(o.warmupRounds(), o.rounds(), o.task() == BenchOptions.Task.SENTIMENT
          ? SentimentBench.prepare(kafka, work, o) : RecoBench.prepare(kafka, work, o), out);
    }
    return 0;
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
}
