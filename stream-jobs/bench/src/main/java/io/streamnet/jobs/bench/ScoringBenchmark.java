package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Scorer;
import io.streamnet.jobs.score.LatencyHistogram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2, scoring latency and freshness while training: the job unbounded on fresh topics; a task's
 * {@link ScoringWorkload} says what is sent. The labeled stream's seed, if any, is pre-loaded and learned as a backlog
 * first; then one load generator sends labeled events at a steady rate, another, from the first published model on,
 * sends requests at a fixed rate, each event on its own schedule slot (open loop, evenly spaced, never forgiven for
 * falling behind). After a warm-up, a window is measured; the generators keep running after it until every request
 * of the window has its answer (read_uncommitted, and read_committed when measured) and every labeled event of the
 * window has been served by a model, or the drain time passes.
 *
 * <p>Figures over the window's requests: the in-job latency each answer carries (request's Kafka timestamp to answer
 * emission), the client-observed latency (send to arrival at a read_uncommitted consumer in this JVM), when asked
 * the visibility latency of a read_committed consumer (with {@code scorer.delivery: exactly_once} bounded below by
 * the checkpoint interval, as the sink commits on checkpoints; with {@code at_least_once} the answers are visible
 * once written), and how many versions behind the trainer the answers were ({@link VersionLag}). Freshness over the
 * window's labeled events, computed here ({@link Freshness}), and as the job's scorer reports it (its metrics
 * records: cumulative since the job started, warm-up included).
 */
final class ScoringBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringBenchmark.class);
  static final String REQUEST_PREFIX = "q-";
  static final String LABELED_PREFIX = "l-";
  static final String SEED_PREFIX = "s-";
  /** A failure fails the run instead of skewing it. */
  static final Map<String, String> SETTINGS = Map.of("restart.strategy", "none");
  /**
   * The generators' producers: no compression (lz4 on batches of one or a few events costs the generator and the
   * broker more CPU than it saves on a local broker); a request leaves within 2 ms, labeled events within 5 ms.
   */
  static final Map<String, String> REQUEST_PRODUCER = Map.of("linger.ms", "2", "compression.type", "none");
  static final Map<String, String> LABELED_PRODUCER = Map.of("linger.ms", "5", "compression.type", "none");
  /** The scorer's task threads ("scorer (1/2)#0", ...; the answers sink has its own task), summed. */
  private static final String SCORER_THREAD = "scorer (";
  static final Duration START_DEADLINE = Duration.ofSeconds(120);
  /** The longest wait for the trainer to learn a seed (200,000 events of the largest catalogue take about a minute). */
  static final Duration SEED_DEADLINE = Duration.ofMinutes(15);

  private final BenchKafka kafka;
  private final Path work;
  private final BenchOptions options;
  private final JobConfig defaults;

  /** @param defaults the task's job configuration */
  ScoringBenchmark(BenchKafka kafka, Path work, BenchOptions options, JobConfig defaults) {
    this.kafka = kafka;
    this.work = work;
    this.options = options;
    this.defaults = defaults;
  }

  /**
   * One measured run of the job, named {@code run} (its topics' prefix), with {@code settings} over
   * {@link #SETTINGS}; {@code committed}: also measure when answers become visible to a read_committed reader.
   */
  SummaryLine run(String run, Map<String, String> settings, ScoringWorkload workload, boolean committed)
      throws Exception {
    Map<String, String> all = new HashMap<>(SETTINGS);
    all.putAll(settings);
    JobConfig config = BenchJob.config(defaults, run, kafka.bootstrap(), run + ".labeled", run + ".requests", work,
        all, options.overrides());
    List<String> topics = new ArrayList<>(BenchJob.outputs(config));
    topics.add(config.topics().labeled());
    topics.add(config.topics().requests());
    kafka.createTopics(topics, config.topics().snapshots());
    topics.add(config.topics().snapshots());

    AnswerFields<?> fields = workload.answers();
    ScoreWatcher<?> live = new ScoreWatcher<>(kafka, config.topics().scores(), fields, false, false);
    boolean transactional = config.scorer().delivery() == Scorer.Delivery.EXACTLY_ONCE;
    ScoreWatcher<?> visible = committed
        ? new ScoreWatcher<>(kafka, config.topics().scores(), fields, true, transactional) : null;
    ModelWatcher models = new ModelWatcher(kafka, config.topics().snapshots(), config.topics().metrics());
    long seed = workload.seedEvents();
    PacedSender labeled = new PacedSender("labeled", kafka.producer("bench-labeled", LABELED_PRODUCER),
        config.topics().labeled(), LABELED_PREFIX, options.labeledRate(),
        (n, id, now) -> workload.labeled(seed + n, id, now));
    double requestRate = workload.requestRate(options.requestRate());
    PacedSender requests = new PacedSender("requests", kafka.producer("bench-requests", REQUEST_PRODUCER),
        config.topics().requests(), REQUEST_PREFIX, requestRate, workload::request);
    List<TopicFollower<?>> followers = new ArrayList<>(List.of(live, models));
    if (visible != null) {
      followers.add(visible);
    }
    CpuSampler cpu = new CpuSampler(SCORER_THREAD);
    JobClient job = null;
    try {
      preloadSeed(kafka, workload, config.topics().labeled());
      cpu.start();
      followers.forEach(TopicFollower::start);
      job = BenchJob.start(config, false);
      JobClient j = job;
      RunHealth health = new RunHealth(j, followers, List.of(labeled, requests));
      health.await("the job running", START_DEADLINE, () -> RunHealth.status(j) == JobStatus.RUNNING);
      if (seed > 0) {
        // The paced stream starts once the seed is learned: behind the backlog it would pile up, and the window
        // would see the trainer catching up at full speed instead of training at the labeled rate. Batches are by
        // count: the seed's last partial batch is learned with the first paced events.
        long started = System.nanoTime();
        long wholeBatches = seed / config.trainer().batchSize() * config.trainer().batchSize();
        health.await("a model that has learned the " + seed + " seed events", SEED_DEADLINE,
            () -> models.published().stream().anyMatch(s -> s.applied() >= wholeBatches));
        LOG.info("run {}: the trainer learned the {} seed events in {} s", run, seed,
            Math.round((System.nanoTime() - started) / 1e9));
      }
      labeled.start();
      // Requests start once the first model is out: the scorer would otherwise buffer them (and dead-letter those
      // beyond its buffer), and the warm-up would begin with a backlog that belongs to job start-up.
      health.await("the first model snapshot", START_DEADLINE, () -> !models.published().isEmpty());
      requests.start();
      LOG.info("run {}: load running ({} labeled/s, {} requests/s); {} s warm-up, then {} s measured", run,
          Math.round(options.labeledRate()), Math.round(requestRate), options.warmup().toSeconds(),
          options.window().toSeconds());

      health.pause(options.warmup());
      long qFrom = requests.sent();
      long lFrom = labeled.sent();
      long windowStart = System.nanoTime();
      long windowStartMillis = System.currentTimeMillis();
      health.pause(options.window());
      long qTo = requests.sent();
      long lTo = labeled.sent();
      double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
      long windowEndMillis = System.currentTimeMillis();

      boolean drained = health.awaitOrTimeout(options.drain(), () ->
          live.arrivedAtNanos().countIn(qFrom, qTo) == qTo - qFrom
              && (visible == null || visible.arrivedAtNanos().countIn(qFrom, qTo) == qTo - qFrom)
              && freshness(labeled, lFrom, lTo, seed, models, live).unresolved() == 0);
      if (!drained) {
        LOG.warn("run {}: not every output of the window arrived within {} s of its end (counted as missing)", run,
            options.drain().toSeconds());
      }
      labeled.close();
      requests.close();
      BenchJob.cancel(job, Duration.ofSeconds(60));
      job = null;
      followers.forEach(TopicFollower::close);
      cpu.close();

      SummaryLine line = summarize(new Window(qFrom, qTo, lFrom, lTo, windowSeconds, windowStartMillis,
          windowEndMillis), seed, labeled, requests, live, visible, models, cpu);
      return line.putAll("", workload.afterRun(config, qFrom, qTo));
    } finally {
      cpu.close();
      labeled.close();
      requests.close();
      if (job != null) {
        BenchJob.cancel(job, Duration.ofSeconds(60));
      }
      followers.forEach(TopicFollower::close);
      kafka.deleteTopics(topics);
    }
  }

  /** Pre-loads the workload's seed on the labeled topic: the job finds it there as a backlog. */
  static void preloadSeed(BenchKafka kafka, ScoringWorkload workload, String topic) {
    long seed = workload.seedEvents();
    if (seed == 0) {
      return;
    }
    long start = System.nanoTime();
    try (KafkaProducer<String, SpecificRecord> producer = kafka.producer("bench-seed", Map.of())) {
      for (long n = 0; n < seed; n++) {
        long at = n;
        SpecificRecord event = workload.labeled(n, SEED_PREFIX + n, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(topic, event), (meta, error) -> {
          if (error != null) {
            LOG.error("pre-loading the seed on {} failed at {}: {}", topic, at, error.toString());
          }
        });
      }
      producer.flush();
    }
    LOG.info("pre-loaded the {} seed events on {} in {} ms", seed, topic, (System.nanoTime() - start) / 1_000_000);
  }

  /** The measured window: request and labeled-event numbers sent in it, its length and its ends (wall clock). */
  private record Window(long qFrom, long qTo, long lFrom, long lTo, double seconds, long startMillis,
                        long endMillis) {}

  /**
   * Freshness of the window's paced labeled events; a snapshot's applied events count the seed too, so the seed is
   * taken off them.
   */
  private static Freshness.Result freshness(PacedSender labeled, long from, long to, long seed, ModelWatcher models,
                                            ScoreWatcher<?> live) {
    List<Freshness.Snapshot> paced = models.published().stream()
        .map(s -> new Freshness.Snapshot(s.version(), s.applied() - seed)).toList();
    return Freshness.of(labeled.sentAtMillis(), from, to, paced, live.served());
  }

  private static SummaryLine summarize(Window w, long seed, PacedSender labeled, PacedSender requests,
                                       ScoreWatcher<?> live, ScoreWatcher<?> committed, ModelWatcher models,
                                       CpuSampler cpu) {
    LatencyHistogram inJob = new LatencyHistogram();
    LatencyHistogram client = new LatencyHistogram();
    LatencyHistogram visible = new LatencyHistogram();
    List<VersionLag.Answer> answers = new ArrayList<>();
    long missing = 0;
    long missingCommitted = 0;
    for (long q = w.qFrom(); q < w.qTo(); q++) {
      long sent = requests.sentAtNanos().get(q);
      if (live.arrivedAtNanos().has(q)) {
        client.record((live.arrivedAtNanos().get(q) - sent) / 1000);
        inJob.record(live.latencyMicros().get(q));
        answers.add(live.answer(q));
      } else {
        missing++;
      }
      if (committed != null && committed.arrivedAtNanos().has(q)) {
        visible.record((committed.arrivedAtNanos().get(q) - sent) / 1000);
      } else {
        missingCommitted++;
      }
    }
    Freshness.Result fresh = freshness(labeled, w.lFrom(), w.lTo(), seed, models, live);
    VersionLag.Result lag = VersionLag.of(models.created(), answers);

    List<Double> windowP99 = new ArrayList<>();
    List<Double> applyMillis = new ArrayList<>();
    ModelWatcher.Metrics lastScorer = null;
    for (ModelWatcher.Metrics m : models.scorer()) {
      if (m.emittedAtMillis() >= w.startMillis() && m.emittedAtMillis() <= w.endMillis()) {
        windowP99.add(m.values().getOrDefault("scorer.window_latency_p99_ms", Double.NaN));
        applyMillis.add(m.values().getOrDefault("scorer.apply_ms", Double.NaN));
        lastScorer = m;
      }
    }
    LOG.info("scorer latency p99 per second of the window (ms): {}",
        windowP99.stream().map(d -> String.valueOf(Math.round(d))).collect(Collectors.joining(" ")));
    List<Double> trainerRate = new ArrayList<>();
    List<Double> snapshotBytes = new ArrayList<>();
    double refused = Double.NaN;
    double rollbacks = Double.NaN;
    ModelWatcher.Metrics firstRefusal = null;
    for (ModelWatcher.Metrics m : models.trainer()) {
      if (firstRefusal == null && m.values().getOrDefault("refused_events", 0.0) > 0) {
        firstRefusal = m;
      }
      if (m.emittedAtMillis() >= w.startMillis() && m.emittedAtMillis() <= w.endMillis()) {
        trainerRate.add(m.values().getOrDefault("events_per_s", Double.NaN));
        snapshotBytes.add(m.values().getOrDefault("snapshot_bytes", Double.NaN));
        refused = m.values().getOrDefault("refused_events", Double.NaN);
        rollbacks = m.values().getOrDefault("rollbacks", Double.NaN);
      }
    }
    if (firstRefusal != null) {
      // Freshness here maps event k to the first snapshot with more than k applied events: a refused batch shifts
      // that count, so the figure is then approximate (off by up to the refused events' span).
      LOG.warn("the trainer's divergence guard refused batches: first reported with {} events applied; {} events"
              + " refused and {} rollbacks by the end of the window (freshness_* is approximate)",
          Math.round(firstRefusal.values().getOrDefault("applied_events", Double.NaN)), Math.round(refused),
          Math.round(rollbacks));
    }
    long requestCount = w.qTo() - w.qFrom();
    double[] cpuMicros = cpu.microsPerEvent(w.startMillis(), w.endMillis(), requestCount);
    LOG.info("CPU by thread over the window, per scoring request (JVM {} us/request):{}",
        String.format(Locale.ROOT, "%.2f", cpuMicros[0]),
        cpu.topThreads(w.startMillis(), w.endMillis(), requestCount, 16));
    SummaryLine line = new SummaryLine()
        .put("requests", requestCount)
        .put("request_rate", requestCount / w.seconds())
        .put("labeled_rate", (w.lTo() - w.lFrom()) / w.seconds())
        .put("score_p50_ms", inJob.quantile(0.5) / 1000)
        .put("score_p99_ms", inJob.quantile(0.99) / 1000)
        .put("score_max_ms", inJob.count() == 0 ? Double.NaN : inJob.max() / 1000.0)
        .put("client_p50_ms", client.quantile(0.5) / 1000)
        .put("client_p99_ms", client.quantile(0.99) / 1000);
    if (committed != null) {
      line.put("committed_p50_ms", visible.quantile(0.5) / 1000)
          .put("committed_p99_ms", visible.quantile(0.99) / 1000);
    }
    line.put("freshness_p50_ms", fresh.millis().quantile(0.5))
        .put("freshness_p99_ms", fresh.millis().quantile(0.99))
        .put("job_freshness_p50_ms", metric(lastScorer, "scorer.freshness_p50_ms"))
        .put("job_freshness_p99_ms", metric(lastScorer, "scorer.freshness_p99_ms"))
        .put("job_window_p99_ms_median", SummaryLine.median(finite(windowP99)))
        .put("job_window_p99_ms_max", max(windowP99))
        .put("scorer_apply_ms_max", max(applyMillis))
        .put("trainer_eps", SummaryLine.median(finite(trainerRate)))
        .put("snapshot_mb", SummaryLine.median(finite(snapshotBytes)) / 1e6)
        .put("scorer_cpu_us", cpuMicros[1])
        .put("jvm_cpu_cores", cpuMicros[0] * requestCount / 1e6 / w.seconds())
        .put("refused_events", refused)
        .put("rollbacks", rollbacks)
        .put("versions_served", lag.versions())
        .put("version_lag_p50", lag.lag().quantile(0.5))
        .put("version_lag_p99", lag.lag().quantile(0.99))
        .put("version_lag_max", lag.lag().count() == 0 ? Double.NaN : lag.lag().max())
        .put("missing", missing);
    if (committed != null) {
      line.put("missing_committed", missingCommitted);
    }
    return line
        .put("fresh_unresolved", fresh.unresolved())
        .put("send_late_p99_ms", requests.lateMillis(0.99))
        .put("send_failed", requests.failed() + labeled.failed());
  }

  private static double metric(ModelWatcher.Metrics m, String key) {
    return m == null ? Double.NaN : m.values().getOrDefault(key, Double.NaN);
  }

  private static double max(List<Double> values) {
    return finite(values).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static List<Double> finite(List<Double> values) {
    return values.stream().filter(d -> !d.isNaN() && !d.isInfinite()).toList();
  }
}
