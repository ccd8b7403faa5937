package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.MetricsLine;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.TextPrequentialRunner;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.TrainingMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1, training throughput: a dataset pre-loaded on a one-partition labeled topic, the job run bounded over it
 * (no scoring requests), and its sustained rate compared with nn-core's {@link TextPrequentialRunner} on the same
 * stream, with the same model spec and batch size, in the same JVM.
 *
 * <p>Both rates cover the middle of the stream, from 10% to 90% of its events: the pipeline's from its trainer's
 * metrics records (one every 100 ms here; {@link SustainedRate}), the runner's by timing it over exactly that part
 * (it runs the stream in three consecutive pieces on one network, batch boundaries unchanged, so the model and its
 * accuracy are those of one pass).
 */
final class TrainingBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingBenchmark.class);
  static final double FROM = 0.1;
  static final double TO = 0.9;
  /** Job settings of this phase: a fine metrics cadence for the rate; a failure fails the run instead of skewing it. */
  static final Map<String, String> SETTINGS = Map.of("metrics.interval_ms", "100", "restart.strategy", "none");
  private static final String REQUESTS = "bench.none.requests";
  /** The trainer's task thread in the MiniCluster (Flink names it after the operator). */
  private static final String TRAINER_THREAD = "trainer (";
  private static final Duration JOB_DEADLINE = Duration.ofMinutes(30);
  private static final Duration READ_DEADLINE = Duration.ofMinutes(2);

  /**
   * @param eventsPerSecond    the pipeline's sustained rate
   * @param runnerPerSecond    the runner's, over the same part of the stream
   * @param accuracy           the pipeline's prequential accuracy over the whole stream
   * @param runnerAccuracy     the runner's
   * @param jobSeconds         the bounded job's wall time, submission to end (start-up and final checkpoint included)
   * @param cpuMicros          CPU time of the whole JVM per event over the pipeline's measured part
   * @param trainerCpuMicros   CPU time of the trainer's task thread per event, same part
   * @param runnerCpuMicros    CPU time of the runner's thread per event over its measured part
   */
  record Result(Dataset dataset, long events, double eventsPerSecond, double runnerPerSecond, double accuracy,
                double runnerAccuracy, double jobSeconds, double cpuMicros, double trainerCpuMicros,
                double runnerCpuMicros) {
    double ratio() {
      return eventsPerSecond / runnerPerSecond;
    }

    SummaryLine line() {
      return new SummaryLine()
          .put("eps", eventsPerSecond)
          .put("runner_eps", runnerPerSecond)
          .put("ratio", ratio())
          .put("acc", accuracy)
          .put("runner_acc", runnerAccuracy)
          .put("job_s", jobSeconds)
          .put("cpu_us", cpuMicros)
          .put("trainer_cpu_us", trainerCpuMicros)
          .put("runner_cpu_us", runnerCpuMicros);
    }
  }

  private final BenchKafka kafka;
  private final Path work;
  private final Map<String, String> overrides;

  TrainingBenchmark(BenchKafka kafka, Path work, Map<String, String> overrides) {
    this.kafka = kafka;
    this.work = work;
    this.overrides = overrides;
    kafka.createTopics(List.of(REQUESTS), null);
  }

  /** Produces {@code stream} to a new one-partition topic once; every round reads it from the start. */
  String preload(Dataset dataset, List<LabeledText> stream) {
    String topic = "bench." + dataset.cliName() + ".labeled";
    kafka.createTopics(List.of(topic), null);
    long start = System.nanoTime();
    try (KafkaProducer<String, SpecificRecord> producer = kafka.producer("bench-preload", Map.of())) {
      long now = System.currentTimeMillis();
      for (LabeledText t : stream) {
        String id = dataset.cliName() + "-" + t.index();
        ReviewEvent e = BenchData.event(id, t.text(), t.label(), now);
        producer.send(new ProducerRecord<>(topic, id, e), (meta, error) -> {
          if (error != null) {
            LOG.error("pre-loading {} failed at {}: {}", topic, id, error.toString());
          }
        });
      }
      producer.flush();
    }
    LOG.info("pre-loaded {} events of {} on {} in {} ms", stream.size(), dataset.cliName(), topic,
        (System.nanoTime() - start) / 1_000_000);
    return topic;
  }

  /** Runs the job over the pre-loaded {@code labeledTopic}; {@code round} names the run's topics ("r1", "w1"). */
  Result run(String round, Dataset dataset, List<LabeledText> stream, String labeledTopic) throws Exception {
    String run = round + "-" + dataset.cliName();
    JobConfig config = BenchJob.config(run, kafka.bootstrap(), labeledTopic, REQUESTS, work, SETTINGS, overrides);
    List<String> topics = new ArrayList<>(BenchJob.outputs(config));
    kafka.createTopics(topics, config.topics().snapshots());
    topics.add(config.topics().snapshots());
    try {
      long start = System.nanoTime();
      double jobSeconds;
      CpuSampler cpu = new CpuSampler(TRAINER_THREAD).start();
      try {
        JobClient job = BenchJob.start(config, true);
        BenchJob.awaitFinished(job, run, JOB_DEADLINE);
        jobSeconds = (System.nanoTime() - start) / 1e9;
      } finally {
        cpu.close();
      }

      List<SustainedRate.Point> points = new ArrayList<>();
      TrainingMetrics last = null;
      for (TrainingMetrics m : kafka.readCommitted(config.topics().metrics(), TrainingMetrics.class, READ_DEADLINE)) {
        Double applied = m.getMetrics().get("applied_events");
        if (applied != null && !m.getMetrics().containsKey("scorer.scored")) {
          points.add(new SustainedRate.Point(m.getEmittedAt().toEpochMilli(), Math.round(applied)));
          last = m;
        }
      }
      if (last == null) {
        throw new IllegalStateException("run " + run + ": no trainer metrics on " + config.topics().metrics());
      }
      long applied = Math.round(last.getMetrics().get("applied_events"));
      double refused = last.getMetrics().getOrDefault("refused_events", 0.0);
      if (applied != stream.size() || refused > 0) {
        LOG.warn("run {}: {} of {} events applied, {} refused by the divergence guard", run, applied, stream.size(),
            Math.round(refused));
      }
      SustainedRate.Result pipeline = SustainedRate.between(points, stream.size(), FROM, TO);
      double[] cpuMicros = cpu.microsPerEvent(pipeline.fromAt(), pipeline.toAt(), pipeline.events());
      LOG.info("run {}: CPU by thread over the measured part (JVM {} us/event):{}", run,
          String.format(Locale.ROOT, "%.2f", cpuMicros[0]),
          cpu.topThreads(pipeline.fromAt(), pipeline.toAt(), pipeline.events(), 14));
      Runner runner = runner(config, stream);
      Result r = new Result(dataset, stream.size(), pipeline.perSecond(), runner.perSecond(),
          last.getMetrics().getOrDefault("accuracy", Double.NaN), runner.accuracy(), jobSeconds, cpuMicros[0],
          cpuMicros[1], runner.cpuMicros());
      LOG.info("run {}: pipeline {} events/s over {} events in {} s, runner {} events/s", run,
          Math.round(r.eventsPerSecond()), pipeline.events(), String.format("%.2f", pipeline.seconds()),
          Math.round(r.runnerPerSecond()));
      return r;
    } finally {
      kafka.deleteTopics(topics);
    }
  }

  /** The runner's rate and CPU time per event over the measured part, and its accuracy over the whole stream. */
  record Runner(double perSecond, double cpuMicros, double accuracy) {}

  /** nn-core's prequential runner on {@code stream} with the job's spec and batch size, timed over [10%, 90%). */
  static Runner runner(JobConfig config, List<LabeledText> stream) {
    int batch = config.trainer().batchSize();
    int n = stream.size();
    int from = (int) (FROM * n) / batch * batch;
    int to = Math.max(from + batch, (int) (TO * n) / batch * batch);
    if (to > n) {
      throw new IllegalArgumentException("a stream of " + n + " events is too short to time the runner");
    }
    TextPrequentialRunner runner = new TextPrequentialRunner(config.model().features(), batch,
        Network.build(config.model().network()), ProgressReporter.silent());
    Map<String, String> head = from > 0 ? runner.run(stream.subList(0, from)).asMap() : Map.of();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Map<String, String> middle = runner.run(stream.subList(from, to)).asMap();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / (to - from);
    Map<String, String> tail = to < n ? runner.run(stream.subList(to, n)).asMap() : Map.of();
    double correct = 0;
    for (Map<String, String> part : List.of(head, middle, tail)) {
      if (!part.isEmpty()) {
        correct += Double.parseDouble(part.get("accuracy")) * Long.parseLong(part.get("events"));
      }
    }
    return new Runner((to - from) / seconds, cpuMicros, correct / n);
  }

  /** The phase's figures of one round, prefixed by dataset ({@code sst2_eps=...}). */
  static SummaryLine line(List<Result> results) {
    SummaryLine line = new SummaryLine();
    for (Result r : results) {
      line.putAll(r.dataset().cliName() + "_", r.line());
    }
    return line;
  }
}
