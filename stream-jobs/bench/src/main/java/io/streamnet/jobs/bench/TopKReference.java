package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.model.PublishedModel;
import io.streamnet.jobs.model.PublishedVersions;
import io.streamnet.jobs.score.LatencyHistogram;
import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.nn.reco.IdVocabulary;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel beside the pipeline: after a scoring run, in the same JVM, the window's requests answered again on one
 * thread by the run's last published model (read back from its snapshot topic: the same rows and weights) with the
 * histories the scorer held (rebuilt from every labeled event sent, as the scorer's keyed state was): first nn-core
 * alone ({@link Recommender#topK}), then the task's answerer as the scorer calls it (the same top K, plus building
 * the {@code Recommendation}). The pipeline's latency reads against these: the rest is Kafka, Flink and waiting.
 * The kernel's answers to the first {@link #CHECKED} requests are also checked against a brute-force ranking
 * ({@link #bruteForce}): each item with a row scored on its own, then sorted.
 */
final class TopKReference {
  private static final Logger LOG = LoggerFactory.getLogger(TopKReference.class);
  /** Calls at most, per loop, and the most time per loop: a 100k-item catalogue takes milliseconds per call. */
  static final int MAX_CALLS = 5_000;
  static final long MAX_NANOS = 10_000_000_000L;
  /** Calls first, not measured: the job's runs compiled this code, but for another model object. */
  static final int WARMUP_CALLS = 200;
  /** Requests whose kernel answer is checked against the brute-force ranking (after the timed loops). */
  static final int CHECKED = 100;
  /**
   * How far a kernel score may be from the brute-force one at the same place: the kernel's matrix product and the
   * per-item dot product sum in other orders, so near-ties may swap.
   */
  static final float SCORE_TOLERANCE = 1e-4f;

  private TopKReference() {}

  /**
   * @param sent     every labeled event the run sent, in order
   * @param requests the window's requests, in order
   */
  static SummaryLine measure(JobConfig config, List<Interaction> sent, List<RecoRequest> requests) {
    RecommendationTask task = RecommendationTask.of(config.model().recommender());
    PublishedModel published = PublishedVersions.latestModel(config.kafkaProperties(), config.topics().snapshots(),
        config.job().modelId(), config.registryConfig()).orElseThrow(() -> new IllegalStateException(
            "no model on " + config.topics().snapshots()));
    String spec = published.full().getNetworkSpec();
    Recommender kernel = published.applyTo(Recommender.forScoring(RecommenderSpec.fromJson(spec)));
    ServingModel serving = published.applyTo(task.newServingModel(spec));
    Map<Long, UserHistory> histories = new HashMap<>();
    for (Interaction i : sent) {
      histories.compute(i.getUserId(), (u, h) -> task.update(h == null ? task.emptyContext() : h, i));
    }
    long[] items = new long[CatalogueWorkload.K];
    float[] scores = new float[CatalogueWorkload.K];
    LatencyHistogram topK = timeEach(requests, r ->
        kernel.topK(histories.get(r.getUserId()), r.getUserId(), r.getK(), items, scores));
    Answerer<RecoRequest, UserHistory, Recommendation> answerer = task.newAnswerer();
    ServingStamp stamp = new ServingStamp();
    LatencyHistogram answers = timeEach(requests, r -> answerer.answer(r, histories.get(r.getUserId()), serving,
        stamp.start(config.job().modelId(), published.version(), System.currentTimeMillis())));
    int mismatches = 0;
    for (RecoRequest r : requests.subList(0, Math.min(CHECKED, requests.size()))) {
      UserHistory h = histories.get(r.getUserId());
      int n = kernel.topK(h, r.getUserId(), r.getK(), items, scores);
      if (!agrees(kernel, h, r.getUserId(), Arrays.copyOf(items, n), Arrays.copyOf(scores, n),
          bruteForce(kernel, h, r.getUserId(), r.getK()))) {
        mismatches++;
      }
    }
    LOG.info("top-K reference on version {} ({} item rows): {} calls of each; {} of {} answers differ from the brute"
        + " force ranking", published.version(), kernel.items().size(), topK.count(), mismatches,
        Math.min(CHECKED, requests.size()));
    return new SummaryLine()
        .put("items", kernel.items().size())
        .put("kernel_p50_us", topK.quantile(0.5))
        .put("kernel_p99_us", topK.quantile(0.99))
        .put("answer_p50_us", answers.quantile(0.5))
        .put("answer_p99_us", answers.quantile(0.99))
        .put("kernel_calls", topK.count())
        .put("kernel_mismatches", mismatches);
  }

  /** A ranking: item ids best first, and their scores. */
  record Ranking(long[] items, float[] scores) {}

  /**
   * The top {@code k} of every item with a row that the user has not interacted with, each scored on its own
   * ({@link Recommender#scoreCandidates}) and sorted by score, ties to the lower id: what {@link Recommender#topK}
   * must return, computed without its matrix product and its insertion.
   */
  static Ranking bruteForce(Recommender model, UserHistory history, long userId, int k) {
    IdVocabulary vocabulary = model.items();
    long[] ids = new long[vocabulary.size()];
    int n = 0;
    for (int row = 1; row < vocabulary.capacity(); row++) {
      long id = vocabulary.idAt(row);
      if (id != IdVocabulary.FREE) {
        ids[n++] = id;
      }
    }
    float[] s = new float[n];
    model.scoreCandidates(history, userId, ids, n, s);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Long.compare(ids[a], ids[b]));
    int m = 0;
    while (m < Math.min(k, n) && s[order[m]] != Float.NEGATIVE_INFINITY) {
      m++;
    }
    long[] topIds = new long[m];
    float[] topScores = new float[m];
    for (int i = 0; i < m; i++) {
      topIds[i] = ids[order[i]];
      topScores[i] = s[order[i]];
    }
    return new Ranking(topIds, topScores);
  }

  /**
   * Whether a kernel answer is a top K of the brute-force ranking: as long, with the same score at each place, and
   * each of its items scored so on its own and not excluded. Scores within {@link #SCORE_TOLERANCE}: the kernel's
   * matrix product and the per-item dot product sum in other orders, so near-ties may swap two items.
   */
  static boolean agrees(Recommender model, UserHistory history, long userId, long[] items, float[] scores,
                        Ranking expected) {
    if (items.length != expected.items().length) {
      return false;
    }
    float[] own = new float[items.length];
    model.scoreCandidates(history, userId, items, items.length, own);
    for (int i = 0; i < items.length; i++) {
      if (Math.abs(scores[i] - expected.scores()[i]) > SCORE_TOLERANCE
          || !(Math.abs(own[i] - scores[i]) <= SCORE_TOLERANCE)) {
        return false;
      }
    }
    return true;
  }

  /** Microseconds of {@code call} on each request in turn, after a warm-up, within the call and time limits. */
  private static LatencyHistogram timeEach(List<RecoRequest> requests, Consumer<RecoRequest> call) {
    LatencyHistogram micros = new LatencyHistogram();
    if (requests.isEmpty()) {
      return micros;
    }
    for (int i = 0; i < WARMUP_CALLS; i++) {
      call.accept(requests.get(i % requests.size()));
    }
    long until = System.nanoTime() + MAX_NANOS;
    for (int i = 0; i < Math.min(MAX_CALLS, requests.size()) && System.nanoTime() < until; i++) {
      long start = System.nanoTime();
      call.accept(requests.get(i));
      micros.record((System.nanoTime() - start) / 1000);
    }
    return micros;
  }
}
