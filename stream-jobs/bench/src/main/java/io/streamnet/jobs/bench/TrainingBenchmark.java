package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.schema.TrainingMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1, training throughput: a stream pre-loaded on a one-partition labeled topic, the job run bounded over it
 * (no scoring requests), and its sustained rate compared with nn-core's learner of the same model on the same
 * stream, in the same batches, in the same JVM ({@link TrainingStream#runner}).
 *
 * <p>Both rates cover the middle of the stream, from 10% to 90% of its events: the pipeline's from its trainer's
 * metrics records (one every 100 ms here; {@link SustainedRate}), the runner's by timing it over exactly that part
 * (it runs the whole stream on one model, batch boundaries unchanged, so the model and its figures are those of one
 * pass).
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
   * @param figures            the pipeline's prequential figures over the whole stream, by summary key
   * @param runnerFigures      the runner's
   * @param jobSeconds         the bounded job's wall time, submission to end (start-up and final checkpoint included)
   * @param cpuMicros          CPU time of the whole JVM per event over the pipeline's measured part
   * @param trainerCpuMicros   CPU time of the trainer's task thread per event, same part
   * @param runnerCpuMicros    CPU time of the runner's thread per event over its measured part
   */
  record Result(String stream, long events, double eventsPerSecond, double runnerPerSecond,
                Map<String, Double> figures, Map<String, Double> runnerFigures, double jobSeconds, double cpuMicros,
                double trainerCpuMicros, double runnerCpuMicros) {
    double ratio() {
      return eventsPerSecond / runnerPerSecond;
    }

    SummaryLine line() {
      SummaryLine line = new SummaryLine()
          .put("eps", eventsPerSecond)
          .put("runner_eps", runnerPerSecond)
          .put("ratio", ratio());
      figures.forEach((k, v) -> line.put(k, v).put("runner_" + k, runnerFigures.getOrDefault(k, Double.NaN)));
      return line
          .put("job_s", jobSeconds)
          .put("cpu_us", cpuMicros)
          .put("trainer_cpu_us", trainerCpuMicros)
          .put("runner_cpu_us", runnerCpuMicros);
    }
  }

  /**
   * The runner's rate and CPU time per event over the measured part, and its prequential figures over the whole
   * stream by the job's metric names.
   */
  record Runner(double perSecond, double cpuMicros, Map<String, Double> figures) {}

  private final BenchKafka kafka;
  private final Path work;
  private final JobConfig defaults;
  private final Map<String, String> settings;
  private final Map<String, String> overrides;

  /**
   * @param defaults the task's job configuration
   * @param settings job settings of the task's training phase, over {@link #SETTINGS}
   */
  TrainingBenchmark(BenchKafka kafka, Path work, JobConfig defaults, Map<String, String> settings,
                    Map<String, String> overrides) {
    this.kafka = kafka;
    this.work = work;
    this.defaults = defaults;
    this.settings = new HashMap<>(SETTINGS);
    this.settings.putAll(settings);
    this.overrides = overrides;
    kafka.createTopics(List.of(REQUESTS), null);
  }

  /** Produces {@code stream} to a new one-partition topic once; every round reads it from the start. */
  String preload(TrainingStream stream) {
    String topic = "bench." + stream.name() + ".labeled";
    kafka.createTopics(List.of(topic), null);
    long start = System.nanoTime();
    try (KafkaProducer<String, SpecificRecord> producer = kafka.producer("bench-preload", Map.of())) {
      for (int i = 0; i < stream.size(); i++) {
        int at = i;
        producer.send(stream.record(topic, i), (meta, error) -> {
          if (error != null) {
            LOG.error("pre-loading {} failed at event {}: {}", topic, at, error.toString());
          }
        });
      }
      producer.flush();
    }
    LOG.info("pre-loaded {} events of {} on {} in {} ms", stream.size(), stream.name(), topic,
        (System.nanoTime() - start) / 1_000_000);
    return topic;
  }

  /** Runs the job over the pre-loaded {@code labeledTopic}; {@code round} names the run's topics ("r1", "w1"). */
  Result run(String round, TrainingStream stream, String labeledTopic) throws Exception {
    String run = round + "-" + stream.name();
    JobConfig config = BenchJob.config(defaults, run, kafka.bootstrap(), labeledTopic, REQUESTS, work, settings,
        overrides);
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
      int[] part = measuredPart(stream.size(), config.trainer().batchSize());
      Runner runner = stream.runner(config, part[0], part[1]);
      Map<String, Double> figures = new LinkedHashMap<>();
      Map<String, Double> runnerFigures = new LinkedHashMap<>();
      for (Map.Entry<String, String> f : stream.figures().entrySet()) {
        figures.put(f.getValue(), last.getMetrics().getOrDefault(f.getKey(), Double.NaN));
        runnerFigures.put(f.getValue(), runner.figures().getOrDefault(f.getKey(), Double.NaN));
      }
      Result r = new Result(stream.name(), stream.size(), pipeline.perSecond(), runner.perSecond(), figures,
          runnerFigures, jobSeconds, cpuMicros[0], cpuMicros[1], runner.cpuMicros());
      LOG.info("run {}: pipeline {} events/s over {} events in {} s, runner {} events/s", run,
          Math.round(r.eventsPerSecond()), pipeline.events(), String.format("%.2f", pipeline.seconds()),
          Math.round(r.runnerPerSecond()));
      return r;
    } finally {
      kafka.deleteTopics(topics);
    }
  }

  /**
   * The runner's measured part of a stream of {@code n} events in batches of {@code batch}: whole batches from 10%
   * to 90% of the stream, {@code [from, to)}.
   */
  static int[] measuredPart(int n, int batch) {
    int from = (int) (FROM * n) / batch * batch;
    int to = Math.max(from + batch, (int) (TO * n) / batch * batch);
    if (to > n) {
      throw new IllegalArgumentException("a stream of " + n + " events is too short to time the runner");
    }
    return new int[] {from, to};
  }

  /**
   * Runs {@code part} (of {@code events} events) on this thread: its rate in events per second of wall time, and
   * its CPU microseconds per event.
   */
  static double[] timed(Runnable part, int events) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    part.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {events / seconds, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / events};
  }

  /** The phase's figures of one round, prefixed by stream ({@code sst2_eps=...}). */
  static SummaryLine line(List<Result> results) {
    SummaryLine line = new SummaryLine();
    for (Result r : results) {
      line.putAll(r.stream() + "_", r.line());
    }
    return line;
  }
}
