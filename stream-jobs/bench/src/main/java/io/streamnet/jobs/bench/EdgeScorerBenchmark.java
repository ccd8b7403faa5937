package io.streamnet.jobs.bench;

import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.RecommenderSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge scorer (Kafka Streams, {@code stream-jobs/edge}) beside the Flink scorer, per task (docs/BENCHMARKS.md,
 * "Edge scorer (Kafka Streams) beside the Flink scorer"): in one JVM, an in-process broker, the in-memory registry,
 * the task's Flink job on a MiniCluster training and publishing snapshots, and the edge application on the same
 * topics; each round runs {@link EdgeBesideFlink} once per task and edge commit interval. Prints one
 * {@code key=value} line per round on stdout (keys {@code TASK_cMS_...}), then {@code medians rounds=N ...}.
 *
 * <pre>
 * stream-jobs/bench/run-edge.sh [ROUNDS] [options]      (--help lists the options)
 * </pre>
 * Exit status: 0 done, 1 a run failed, 2 usage error.
 */
public final class EdgeScorerBenchmark {
  static {
    BenchLogging.configure(); // before the first logger below
  }

  private static final Logger LOG = LoggerFactory.getLogger(EdgeScorerBenchmark.class);

  private EdgeScorerBenchmark() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    EdgeBenchOptions o;
    try {
      o = EdgeBenchOptions.parse(args);
      if (o == null) {
        out.println(EdgeBenchOptions.USAGE);
        return 0;
      }
    } catch (UsageException e) {
      err.println("EdgeScorerBenchmark: " + e.getMessage());
      err.println(EdgeBenchOptions.USAGE);
      return 2;
    }
    return BenchRounds.inWorkDirectory("EdgeScorerBenchmark", err, work -> runRounds(o, work, out));
  }

  /** What each task's runs send: read once, a fresh workload per run (a workload remembers what it made). */
  private record Streams(List<LabeledText> sentimentLabeled, List<LabeledText> sentimentRequests,
                         List<Rating> movielens) {}

  private static int runRounds(EdgeBenchOptions o, Path work, PrintStream out) throws Exception {
    LOG.info("edge scorer beside the Flink scorer: tasks {}, edge commit intervals {} ms, {} rounds after {} warm-up;"
            + " {} cores, load average {}", o.tasks(), o.commitIntervals(), o.rounds(), o.warmupRounds(),
        Runtime.getRuntime().availableProcessors(),
        String.format(Locale.ROOT, "%.1f", BenchRounds.loadAverage()));
    Streams streams = read(o);
    try (BenchKafka kafka = BenchKafka.start()) {
      EdgeBesideFlink bench = new EdgeBesideFlink(kafka, work, o);
      BenchRounds.run(o.warmupRounds(), o.rounds(), name -> round(name, o, streams, bench), out);
    }
    return 0;
  }

  private static Streams read(EdgeBenchOptions o) {
    List<LabeledText> labeled = List.of();
    List<LabeledText> imdb = List.of();
    if (o.tasks().contains(BenchOptions.Task.SENTIMENT)) {
      // as the e2e benchmark's scoring phase: labeled IMDB then SST-2, one canonical pass; requests IMDB reviews
      imdb = BenchData.stream(Dataset.IMDB, o.data(), 0);
      List<LabeledText> l = new ArrayList<>(imdb);
      l.addAll(BenchData.stream(Dataset.SST2, o.data(), 0));
      labeled = l;
    }
    List<Rating> movielens = o.tasks().contains(BenchOptions.Task.RECOMMENDATION)
        ? BenchData.ratings(o.data(), 0) : List.of();
    return new Streams(labeled, imdb, movielens);
  }

  /** One round: a run per task and edge commit interval, each one's figures under {@code TASK_cMS_}. */
  private static SummaryLine round(String name, EdgeBenchOptions o, Streams s, EdgeBesideFlink bench)
      throws Exception {
    SummaryLine line = new SummaryLine();
    for (BenchOptions.Task task : o.tasks()) {
      for (int commitMs : o.commitIntervals()) {
        EndToEndBenchmark.collectBetweenRuns();
        String run = name + "-" + task.jobName.substring(0, 4) + "-c" + commitMs;
        String prefix = (task == BenchOptions.Task.SENTIMENT ? "sentiment" : "reco") + "_c" + commitMs + "_";
        SummaryLine result;
        if (task == BenchOptions.Task.SENTIMENT) {
          result = bench.run(run, BenchJob.SENTIMENT, Map.of(), new SentimentWorkload(s.sentimentLabeled(),
              s.sentimentRequests()), o.sentimentRate(), o.sentimentBurst(), commitMs);
        } else {
          RecommenderSpec model = BenchJob.RECOMMENDATION.model().recommender().model();
          CatalogueStream catalogue = Catalogues.of(o.catalogue(), s.movielens(), model);
          CatalogueWorkload workload = new CatalogueWorkload(catalogue);
          result = bench.run(run, BenchJob.RECOMMENDATION, catalogue.settings(), workload,
              workload.requestRate(o.recoRate()), o.recoBurst(), commitMs);
        }
        LOG.info("run {}: {}", run, result);
        line.putAll(prefix, result);
      }
    }
    return line;
  }
}
