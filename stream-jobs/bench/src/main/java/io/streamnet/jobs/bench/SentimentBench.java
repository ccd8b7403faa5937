package io.streamnet.jobs.bench;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentiment job's rounds (docs/BENCHMARKS.md, "End-to-end pipeline (stream-jobs)"): training throughput on
 * SST-2 and IMDB against nn-core's text runner, then scoring latency and freshness once per answer delivery mode.
 */
final class SentimentBench implements BenchTask {
  private static final Logger LOG = LoggerFactory.getLogger(SentimentBench.class);
  /**
   * The answers' delivery modes each round measures, one job each, in this order: exactly_once's figures under the
   * plain keys (as in every run before the mode existed), at_least_once's prefixed {@code alo_}.
   */
  static final Map<String, String> DELIVERY_PREFIXES = deliveryPrefixes();

  private final BenchOptions options;
  private final Map<SentimentTraining, String> streams;
  private final TrainingBenchmark training;
  private final ScoringBenchmark scoring;
  private final List<LabeledText> live;
  private final List<LabeledText> imdb;

  private SentimentBench(BenchOptions options, Map<SentimentTraining, String> streams, TrainingBenchmark training,
                         ScoringBenchmark scoring, List<LabeledText> live, List<LabeledText> imdb) {
    this.options = options;
    this.streams = streams;
    this.training = training;
    this.scoring = scoring;
    this.live = live;
    this.imdb = imdb;
  }

  private static Map<String, String> deliveryPrefixes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("exactly_once", "");
    m.put("at_least_once", "alo_");
    return Collections.unmodifiableMap(m);
  }

  /** Reads the datasets and pre-loads the training phase's topics. */
  static SentimentBench prepare(BenchKafka kafka, Path work, BenchOptions o) {
    List<SentimentTraining> streams = new ArrayList<>();
    if (o.training()) {
      for (Dataset d : o.datasets()) {
        List<LabeledText> s = BenchData.stream(d, o.data(), o.limit());
        streams.add(new SentimentTraining(d, o.limit() > 0 ? s : BenchData.passes(s, o.minEvents(d))));
      }
    }
    // The scoring phase's labeled stream: IMDB, then SST-2, each one canonical pass, never repeated within a default
    // run; never the training phase's replayed passes, whichever phases run.
    // With --labeled imdb: IMDB only, in whole passes (the largest snapshots; reviews repeat after one pass).
    List<LabeledText> imdb = o.scoring() ? BenchData.stream(Dataset.IMDB, o.data(), 0) : List.of();
    List<LabeledText> live = new ArrayList<>(o.imdbOnly() ? BenchData.passes(imdb, o.minEvents(Dataset.IMDB)) : imdb);
    if (o.scoring() && !o.imdbOnly()) {
      live.addAll(BenchData.stream(Dataset.SST2, o.data(), 0));
    }
    LOG.info("sentiment: training on {}; scoring {} at {} requests/s with {} labeled/s, {} s warm-up, {} s window",
        o.training() ? streams.stream().map(SentimentTraining::name).toList() : "nothing", o.scoring() ? "on" : "off",
        Math.round(o.requestRate()), Math.round(o.labeledRate()), o.warmup().toSeconds(), o.window().toSeconds());
    TrainingBenchmark training = new TrainingBenchmark(kafka, work, BenchJob.SENTIMENT, Map.of(), o.overrides());
    Map<SentimentTraining, String> topics = new LinkedHashMap<>();
    streams.forEach(s -> topics.put(s, training.preload(s)));
    return new SentimentBench(o, topics, training, new ScoringBenchmark(kafka, work, o, BenchJob.SENTIMENT), live,
        imdb);
  }

  @Override
  public SummaryLine round(String name) throws Exception {
    SummaryLine line = new SummaryLine();
    if (options.training()) {
      List<TrainingBenchmark.Result> results = new ArrayList<>();
      for (Map.Entry<SentimentTraining, String> e : streams.entrySet()) {
        EndToEndBenchmark.collectBetweenRuns();
        results.add(training.run(name, e.getKey(), e.getValue()));
      }
      line.putAll("", TrainingBenchmark.line(results));
    }
    if (options.scoring()) {
      // one measured run per answer delivery mode, side by side in one line
      for (Map.Entry<String, String> mode : DELIVERY_PREFIXES.entrySet()) {
        EndToEndBenchmark.collectBetweenRuns();
        String run = name + "-" + mode.getKey().replace("_", "").toLowerCase(Locale.ROOT);
        line.putAll(mode.getValue(), scoring.run(run, Map.of("scorer.delivery", mode.getKey()),
            new SentimentWorkload(live, imdb), true));
      }
    }
    return line;
  }
}
