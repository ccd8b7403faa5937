package io.streamnet.jobs.bench;

import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.RecommenderSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recommendation job's rounds (docs/BENCHMARKS.md, "Recommendation end to end"): training throughput on MovieLens
 * latest-small against nn-core's learner, with the feedback loop off (so that the job learns exactly the runner's
 * stream), then, for each catalogue size, top-K latency and freshness while the model trains, the job as configured
 * by default (feedback loop on, answers at least once), and the same answers computed by nn-core alone
 * ({@link TopKReference}).
 */
final class RecoBench implements BenchTask {
  private static final Logger LOG = LoggerFactory.getLogger(RecoBench.class);
  /** The training phase's job: no impressions written back, so that it learns the runner's stream and no more. */
  static final Map<String, String> TRAINING_SETTINGS = Map.of("feedback.window_ms", "0");

  private final BenchOptions options;
  private final List<Rating> movielens;
  private final RecoTraining stream;
  private final String topic;
  private final TrainingBenchmark training;
  private final ScoringBenchmark scoring;

  private RecoBench(BenchOptions options, List<Rating> movielens, RecoTraining stream, String topic,
                    TrainingBenchmark training, ScoringBenchmark scoring) {
    this.options = options;
    this.movielens = movielens;
    this.stream = stream;
    this.topic = topic;
    this.training = training;
    this.scoring = scoring;
  }

  /** Reads MovieLens and pre-loads the training phase's topic. */
  static RecoBench prepare(BenchKafka kafka, Path work, BenchOptions o) {
    List<Rating> movielens = BenchData.ratings(o.data(), 0);
    RecoTraining stream = new RecoTraining(o.limit() > 0 ? BenchData.ratings(o.data(), o.limit()) : movielens);
    LOG.info("recommendation: training on {} MovieLens ratings; scoring {} at {} requests/s with {} labeled/s over"
            + " catalogues of {} items, {} s warm-up, {} s window", o.training() ? stream.size() : 0,
        o.scoring() ? "on" : "off", Math.round(o.requestRate()), Math.round(o.labeledRate()), o.catalogues(),
        o.warmup().toSeconds(), o.window().toSeconds());
    TrainingBenchmark training = new TrainingBenchmark(kafka, work, BenchJob.RECOMMENDATION, TRAINING_SETTINGS,
        o.overrides());
    String topic = o.training() ? training.preload(stream) : null;
    return new RecoBench(o, movielens, stream, topic, training,
        new ScoringBenchmark(kafka, work, o, BenchJob.RECOMMENDATION));
  }

  @Override
  public SummaryLine round(String name) throws Exception {
    SummaryLine line = new SummaryLine();
    if (options.training()) {
      EndToEndBenchmark.collectBetweenRuns();
      line.putAll("", TrainingBenchmark.line(List.of(training.run(name, stream, topic))));
    }
    if (options.scoring()) {
      RecommenderSpec model = BenchJob.RECOMMENDATION.model().recommender().model();
      for (int size : options.catalogues()) {
        EndToEndBenchmark.collectBetweenRuns();
        CatalogueStream catalogue = Catalogues.of(size, movielens, model);
        line.putAll("c" + catalogue.name() + "_", scoring.run(name + "-c" + catalogue.name(), catalogue.settings(),
            new CatalogueWorkload(catalogue), false));
      }
    }
    return line;
  }
}
