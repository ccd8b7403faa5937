package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measured run of the edge scorer beside the Flink scorer (docs/BENCHMARKS.md, "Edge scorer (Kafka Streams)
 * beside the Flink scorer"): the task's Flink job trains on paced labeled events and publishes snapshots, as in
 * {@link ScoringBenchmark}; the edge scorer follows the same snapshot topic and reads the same requests (and, for
 * recommendation, the same interactions), so that both scorers answer every request, on the same two cores.
 *
 * <p>Phase 1, at the offered rate: requests paced evenly; after a warm-up, a window is measured, and the benchmark
 * waits for every answer of the window from both scorers. Phase 2, saturation: a burst of requests sent as fast as
 * the generator can, which both scorers drain at once; each one's answers per second over the burst is its maximum
 * here, while the other scorer competes for the same cores.
 *
 * <p>Every latency is the same arithmetic for both scorers ({@link AnswerTimes}): the request's send time (its Kafka
 * timestamp) to an answer's arrival at a reader in this JVM, or the latency the answer carries (the request's
 * Kafka timestamp to the answer's emission by the scoring code). The Flink scorer's answers are at least once
 * (visible when written); the edge's are exactly once, visible to a read_committed reader when its transaction
 * commits, every {@code commitIntervalMs}; a read_uncommitted reader of the edge's answers shows when they were
 * written.
 */
final class EdgeBesideFlink {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeBesideFlink.class);
  /** The Flink scorer's task threads ("scorer (1/2)#0", ...), summed. */
  private static final String FLINK_SCORER_THREAD = "scorer (";
  /** The burst is sent as fast as the generator can: a rate no generator here reaches. */
  private static final double BURST_RATE = 1e6;

  private final BenchKafka kafka;
  private final Path work;
  private final EdgeBenchOptions options;

  EdgeBesideFlink(BenchKafka kafka, Path work, EdgeBenchOptions options) {
    this.kafka = kafka;
    this.work = work;
    this.options = options;
  }

  /** Who answered: one scorer's readers of its answers. */
  private record Answers(ScoreWatcher<?> written, ScoreWatcher<?> visible) {}

  /**
   * Run {@code run} of the job {@code defaults} configures, with {@code settings} over the benchmark's, at
   * {@code requestRate} requests/s, then a burst of {@code burst} requests; the edge commits every
   * {@code commitIntervalMs}.
   */
  SummaryLine run(String run, JobConfig defaults, Map<String, String> settings, ScoringWorkload workload,
                  double requestRate, long burst, int commitIntervalMs) throws Exception {
    Map<String, String> all = new HashMap<>(ScoringBenchmark.SETTINGS);
    all.putAll(settings);
    JobConfig config = BenchJob.config(defaults, run, kafka.bootstrap(), run + ".labeled", run + ".requests", work,
        all, Map.of());
    List<String> topics = new ArrayList<>(BenchJob.outputs(config));
    topics.addAll(List.of(config.topics().labeled(), config.topics().requests(), BenchEdge.answersTopic(run),
        BenchEdge.deadLetterTopic(run)));
    kafka.createTopics(topics, config.topics().snapshots());
    topics.add(config.topics().snapshots());

    AnswerFields<?> fields = workload.answers();
    // The Flink scorer's answers are visible once written (at least once): one reader is both.
    ScoreWatcher<?> flinkRead = new ScoreWatcher<>("flink-answers", kafka, config.topics().scores(), fields, false,
        false);
    Answers flink = new Answers(flinkRead, flinkRead);
    Answers edge = new Answers(
        new ScoreWatcher<>("edge-written", kafka, BenchEdge.answersTopic(run), fields, false, false),
        new ScoreWatcher<>("edge-committed", kafka, BenchEdge.answersTopic(run), fields, true, false));
    ModelWatcher models = new ModelWatcher(kafka, config.topics().snapshots(), config.topics().metrics());
    List<TopicFollower<?>> followers = List.of(flinkRead, edge.written(), edge.visible(), models);
    long seed = workload.seedEvents();
    PacedSender labeled = new PacedSender("labeled", kafka.producer("bench-labeled",
        ScoringBenchmark.LABELED_PRODUCER), config.topics().labeled(), ScoringBenchmark.LABELED_PREFIX,
        options.labeledRate(), (n, id, now) -> workload.labeled(seed + n, id, now));
    PacedSender requests = new PacedSender("requests", kafka.producer("bench-requests",
        ScoringBenchmark.REQUEST_PRODUCER), config.topics().requests(), ScoringBenchmark.REQUEST_PREFIX, requestRate,
        workload::request);
    PacedSender burster = null;
    CpuSampler cpu = new CpuSampler(FLINK_SCORER_THREAD, BenchEdge.threadPrefix(run));
    BenchEdge edgeApp = null;
    JobClient job = null;
    try {
      ScoringBenchmark.preloadSeed(kafka, workload, config.topics().labeled());
      cpu.start();
      followers.forEach(TopicFollower::start);
      // The edge starts first, on the empty snapshot topic: it then follows every version as it is published, as
      // the Flink scorer does, instead of restoring a backlog of snapshots.
      edgeApp = BenchEdge.start(run, config, kafka.bootstrap(), work.resolve(run + "-edge-state"),
          commitIntervalMs);
      job = BenchJob.start(config, false);
      JobClient j = job;
      BenchEdge e = edgeApp;
      RunHealth health = new RunHealth(j, followers, List.of(labeled, requests), List.of(e::failure));
      health.await("the job running", ScoringBenchmark.START_DEADLINE,
          () -> RunHealth.status(j) == JobStatus.RUNNING);
      health.await("the edge scorer running", ScoringBenchmark.START_DEADLINE, e::running);
      if (seed > 0) {
        long wholeBatches = seed / config.trainer().batchSize() * config.trainer().batchSize();
        health.await("a model that has learned the " + seed + " seed events", ScoringBenchmark.SEED_DEADLINE,
            () -> models.published().stream().anyMatch(s -> s.applied() >= wholeBatches));
      }
      labeled.start();
      health.await("the first model snapshot", ScoringBenchmark.START_DEADLINE, () -> !models.published().isEmpty());
      requests.start();
      LOG.info("run {}: load running ({} labeled/s, {} requests/s; edge commits every {} ms); {} s warm-up, then {} s"
              + " measured, then a burst of {} requests", run, Math.round(options.labeledRate()),
          Math.round(requestRate), commitIntervalMs, options.warmup().toSeconds(), options.window().toSeconds(),
          burst);

      health.pause(options.warmup());
      long qFrom = requests.sent();
      long windowStart = System.nanoTime();
      long windowStartMillis = System.currentTimeMillis();
      EdgeThreadTimes edgeAtStart = edgeApp.threadTimes();
      health.pause(options.window());
      EdgeThreadTimes edgeAtEnd = edgeApp.threadTimes();
      long qTo = requests.sent();
      double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
      long windowEndMillis = System.currentTimeMillis();
      awaitAnswers(health, run, "window", List.of(flink, edge), qFrom, qTo);
      requests.close();

      // Saturation: the burst continues the requests' numbering, so the same readers time it.
      long bFrom = requests.sent();
      long bTo = bFrom + burst;
      burster = new PacedSender("burst", kafka.producer("bench-burst", ScoringBenchmark.REQUEST_PRODUCER),
          config.topics().requests(), ScoringBenchmark.REQUEST_PREFIX, BURST_RATE, bFrom, burst, workload::request);
      RunHealth burstHealth = new RunHealth(j, followers, List.of(labeled, burster), List.of(e::failure));
      long burstStartMillis = System.currentTimeMillis();
      burster.start();
      awaitAnswers(burstHealth, run, "burst", List.of(flink, edge), bFrom, bTo);
      long burstEndMillis = System.currentTimeMillis();

      labeled.close();
      burster.close();
      edgeApp.close();
      edgeApp = null;
      BenchJob.cancel(job, Duration.ofSeconds(60));
      job = null;
      followers.forEach(TopicFollower::close);
      cpu.close();

      SummaryLine line = new SummaryLine()
          .put("requests", qTo - qFrom)
          .put("request_rate", (qTo - qFrom) / windowSeconds)
          .put("edge_commit_ms", commitIntervalMs);
      line.putAll("flink_", window(flink, requests, qFrom, qTo, windowSeconds, false));
      line.putAll("edge_", window(edge, requests, qFrom, qTo, windowSeconds, true));
      line.putAll("edge_", edgeAtEnd.since(edgeAtStart, windowSeconds));
      line.put("flink_max_rps", AnswerTimes.answeredPerSecond(burster.sentAtNanos(), flink.visible().arrivedAtNanos(),
              bFrom, bTo))
          .put("edge_max_rps", AnswerTimes.answeredPerSecond(burster.sentAtNanos(), edge.visible().arrivedAtNanos(),
              bFrom, bTo))
          .put("burst", burst)
          .put("burst_send_rps", burster.sentAtNanos().has(bTo - 1) ? burst / ((burster.sentAtNanos().get(bTo - 1)
              - burster.sentAtNanos().get(bFrom)) / 1e9) : Double.NaN);
      double[] windowCpu = cpu.microsPerEvent(windowStartMillis, windowEndMillis, qTo - qFrom);
      double[] burstCpu = cpu.microsPerEvent(burstStartMillis, burstEndMillis, burst);
      LOG.info("run {}: CPU by thread over the window, per request (JVM {} us/request):{}", run,
          String.format(Locale.ROOT, "%.2f", windowCpu[0]),
          cpu.topThreads(windowStartMillis, windowEndMillis, qTo - qFrom, 16));
      LOG.info("run {}: CPU by thread over the burst, per request:{}", run,
          cpu.topThreads(burstStartMillis, burstEndMillis, burst, 12));
      return line
          .put("jvm_cpu_cores", windowCpu[0] * (qTo - qFrom) / 1e6 / windowSeconds)
          .put("flink_scorer_cpu_us", windowCpu[1])
          .put("edge_cpu_us", windowCpu[2])
          .put("burst_jvm_cpu_cores", burstCpu[0] * burst / 1e3 / Math.max(1, burstEndMillis - burstStartMillis))
          .put("burst_flink_scorer_cpu_us", burstCpu[1])
          .put("burst_edge_cpu_us", burstCpu[2])
          .put("send_late_p99_ms", requests.lateMillis(0.99))
          .put("send_failed", requests.failed() + labeled.failed() + burster.failed());
    } finally {
      cpu.close();
      labeled.close();
      requests.close();
      if (burster != null) {
        burster.close();
      }
      if (edgeApp != null) {
        edgeApp.close();
      }
      if (job != null) {
        BenchJob.cancel(job, Duration.ofSeconds(60));
      }
      followers.forEach(TopicFollower::close);
      kafka.deleteTopics(topics);
    }
  }

  /** Waits, at most the drain time, until every reader of every scorer has the answers of {@code [from, to)}. */
  private void awaitAnswers(RunHealth health, String run, String what, List<Answers> scorers, long from, long to) {
    boolean all = health.awaitOrTimeout(options.drain(), () -> scorers.stream().allMatch(a ->
        a.written().arrivedAtNanos().countIn(from, to) == to - from
            && a.visible().arrivedAtNanos().countIn(from, to) == to - from));
    if (!all) {
      LOG.warn("run {}: not every answer of the {} arrived within {} s (counted as missing)", run, what,
          options.drain().toSeconds());
    }
  }

  /**
   * One scorer's figures over the window: answered requests per second (answers visible to its readers), the
   * latency its answers carry, send to written and (for exactly-once answers) send to visible.
   */
  private static SummaryLine window(Answers a, PacedSender requests, long from, long to, double seconds,
                                    boolean transactional) {
    AnswerTimes.Latencies carried = AnswerTimes.carried(a.visible().latencyMicros(), from, to);
    AnswerTimes.Latencies written = AnswerTimes.sendToArrival(requests.sentAtNanos(),
        a.written().arrivedAtNanos(), from, to);
    AnswerTimes.Latencies visible = AnswerTimes.sendToArrival(requests.sentAtNanos(),
        a.visible().arrivedAtNanos(), from, to);
    SummaryLine line = new SummaryLine()
        .put("answered_rps", visible.micros().count() / seconds)
        .put("score_p50_ms", carried.millis(0.5))
        .put("score_p99_ms", carried.millis(0.99));
    if (transactional) {
      line.put("written_p50_ms", written.millis(0.5)).put("written_p99_ms", written.millis(0.99));
    }
    return line
        .put("visible_p50_ms", visible.millis(0.5))
        .put("visible_p99_ms", visible.millis(0.99))
        .put("visible_max_ms", visible.micros().max() / 1000)
        .put("missing", visible.missing());
  }
}
