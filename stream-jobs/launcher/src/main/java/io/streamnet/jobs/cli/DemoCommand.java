package io.streamnet.jobs.cli;

import io.streamnet.jobs.run.JobLauncher;
import io.streamnet.jobs.run.JobTopics;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.replay.ReplayEvent;
import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.connect.replay.ReplayTopics;
import io.streamnet.connect.replay.Replayer;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.jobs.config.ConfigException;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Topics;
import io.streamnet.jobs.job.FlinkTask;
import io.streamnet.jobs.job.JobFactory;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.MalformedDataException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streamnet demo}: the online learner end to end in one process (see {@link DemoOptions#USAGE}). An embedded
 * Kafka broker, an in-memory registry and a Flink MiniCluster run the real job, of the task the datasets call for
 * (sentiment, or recommendation on MovieLens); the chosen datasets are replayed at a steady rate with a share held
 * back as requests. The demo ends once the trainer has applied every labeled event (and what the feedback loop fed
 * back, if any) and every request has a committed answer, both read from the job's output with read_committed; then
 * it cancels the job, stops the broker, computes the task's figures ({@link DemoTask}) and writes the report.
 *
 * <p>Exit status 0 on success, 1 when the demo fails (data not found, the job failed, the timeout passed), 2 on a
 * usage or configuration error, 130 when stopped (Ctrl-C).
 */
public final class DemoCommand {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(90);
  private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(30);
  /**
   * The replay producer sends within 2 ms instead of the replayer's throughput-tuned linger: a request's latency
   * counts from its Kafka timestamp, taken when it is handed to the producer, so the linger is part of every request's
   * latency (docs/BENCHMARKS.md, "The demo's scoring latency"). The benchmark's request generator uses 2 ms too.
   * Uncompressed: the broker is in this process, so compression saves no network and costs CPU in the producer, the
   * broker and every reader, and an lz4 block buffer per batch of a few records.
   */
  static final Map<String, String> REPLAY_PRODUCER = Map.of("linger.ms", "2", "compression.type", "none");

  private final PrintStream out;
  private final PrintStream err;
  private final DemoProgress progress;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Replayer replayer;

  public DemoCommand(PrintStream out, PrintStream err, DemoProgress progress) {
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  /** Runs the demo once; returns the exit status. */
  public int run(String[] args) {
    try {
      return runOnce(args);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Stops a running {@link #run} (from another thread: the shutdown hook on Ctrl-C) and waits, at most 90 s, until
   * it has cancelled the job and stopped the broker; {@code run} then returns 130.
   */
  public void stopAndWait() {
    stopRequested = true;
    Replayer r = replayer;
    if (r != null) {
      r.requestStop();
    }
    try {
      finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int runOnce(String[] args) {
    DemoOptions o;
    try {
      o = DemoOptions.parse(args);
    } catch (UsageException e) {
      err.println("streamnet demo: " + e.getMessage() + " (streamnet demo --help lists the options)");
      return 2;
    }
    if (o == null) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("streamnet-demo-");
      JobConfig config;
      try {
        config = DemoConfig.resolve(o.config(), o.overrides(), work.resolve("checkpoints"), o.datasets().task());
      } catch (ConfigException | UsageException e) {
        err.println("streamnet demo: " + e.getMessage());
        return 2;
      }
      // A recommendation request asks for as many items as the trainer's HR@K ranks.
      int requestK = config.model().recommendation() ? config.model().recommender().topK() : 1;
      DemoEvents events = DemoEvents.read(o.datasets(), o.data(), o.limit(), o.seed(), o.requestFraction(), requestK,
          o.warmupEvents(), System::currentTimeMillis);
      err.printf(Locale.ROOT, "streamnet demo: replaying %s to the %s job: %,d events at %s, %.3g held back as"
              + " requests after a warm-up of %,d labeled events, seed %d%n", String.join(" + ", events.names()),
          config.job().task(), events.size(),
          o.rate() > 0 ? String.format(Locale.ROOT, "%,.0f events/s", o.rate()) : "full speed", o.requestFraction(),
          events.warmupEvents(), o.seed());
      return runWith(o, config, events);
    } catch (MalformedDataException | IllegalArgumentException | IllegalStateException | UncheckedIOException
             | KafkaException | TopicAdmin.TopicAdminException e) {
      progress.finish();
      err.println("streamnet demo: error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("streamnet demo: error: " + e.getMessage());
      return 1;
    } finally {
      deleteQuietly(work);
    }
  }

  /** Starts broker, job and replay, waits for the end, and reports. */
  private int runWith(DemoOptions o, JobConfig config, DemoEvents events) {
    List<AutoCloseable> resources = new ArrayList<>();
    JobClient job = null;
    DemoTask task = DemoTask.of(config);
    FlinkTask<?, ?, ?, ?, ?> flinkTask = JobFactory.task(config);
    // The labeled events' ids, as the trainer will account them: computed while broker and cluster start.
    CompletableFuture<AppliedEvents> labeledIds = CompletableFuture.supplyAsync(
        () -> labeledIds(events, TrainingIds.of(flinkTask)));
    // Broker and MiniCluster start side by side: each takes seconds, mostly waiting.
    CompletableFuture<EmbeddedKafkaBroker> brokerStart = CompletableFuture.supplyAsync(EmbeddedKafkaBroker::start);
    resources.add(new Closer("embedded Kafka broker", () -> {
      EmbeddedKafkaBroker started = brokerStart.exceptionally(failure -> null).join();
      if (started != null) {
        started.close();
      }
    }));
    try {
      Configuration flink = JobLauncher.flinkConfiguration(config, null);
      LocalCluster cluster = LocalCluster.start(flink);
      resources.add(0, cluster);
      EmbeddedKafkaBroker broker = brokerStart.join();
      config = DemoConfig.withBroker(config, broker.bootstrapServers());
      createTopics(broker.bootstrapServers(), config);

      StreamExecutionEnvironment env = new StreamExecutionEnvironment(flink);
      JobLauncher.build(config, env);
      job = cluster.submit(env, config.job().name());
      LOG.info("Job '{}' ({}) submitted to the MiniCluster", config.job().name(), job.getJobID());

      Map<String, Object> clientProps = new HashMap<>();
      clientProps.put("bootstrap.servers", broker.bootstrapServers());
      Topics t = config.topics();
      // Only the final figures need what the feedback loop fed back: the committed reader follows its topic.
      OutputObserver<?> live = new OutputObserver<>("live", clientProps, config.registryConfig(),
          new OutputObserver.Topics(t.scores(), t.metrics(), t.deadLetters(), null), AnswerReader.of(flinkTask), null,
          false);
      resources.add(0, live);
      boolean feedback = config.feedback().enabled();
      OutputObserver<?> committed = new OutputObserver<>("committed", clientProps, config.registryConfig(),
          new OutputObserver.Topics(t.scores(), t.metrics(), t.deadLetters(), feedback ? config.feedback().topic()
              : null), AnswerReader.of(flinkTask), feedback ? TrainingIds.of(flinkTask) : null, true);
      resources.add(0, committed);
      live.start();
      committed.start();

      DemoWatch watch = new DemoWatch(progress, () -> stopRequested, job, live, committed, task);
      String failure = watch.awaitTrainer();
      if (failure != null) {
        return fail(failure);
      }
      if (stopRequested) {
        err.println("streamnet demo: stopped");
        return 130;
      }
      Producer<String, SpecificRecord> producer = new KafkaProducer<>(
          ProducerSettings.of(broker.bootstrapServers(), "streamnet-demo-replay", REPLAY_PRODUCER),
          new StringSerializer(),
          new AvroKafkaSerializer<>(SchemaRegistries.connect(config.registryConfig()),
              AvroSerdeConfig.of(config.registryConfig()), false));
      resources.add(0, new Closer("replay producer", () -> producer.close(PRODUCER_CLOSE)));
      Replayer r = new Replayer(producer, new ReplayTopics(t.labeled(), t.requests()), o.rate(),
          Replayer.DEFAULT_MAX_IN_FLIGHT, ReplayProgress.silent());
      replayer = r;
      resources.add(0, new Closer("replay", r::requestStop)); // first on the way out: no sends into a closing producer
      if (stopRequested) {
        r.requestStop();
      }
      long start = System.nanoTime();
      CompletableFuture<ReplayResult> replay = new CompletableFuture<>();
      Thread sender = new Thread(() -> {
        try {
          replay.complete(r.replay(events, 0));
        } catch (RuntimeException e) {
          replay.completeExceptionally(e);
        }
      }, "streamnet-demo-replay");
      sender.setDaemon(true);
      sender.start();

      DemoWatch.Outcome outcome = watch.awaitEnd(events, labeledIds, replay, o.timeout(), start);
      progress.finish();
      if (outcome.error() != null) {
        return fail(outcome.error());
      }
      if (stopRequested) {
        err.println("streamnet demo: stopped");
        return 130;
      }
      ScoreLatency latency = committed.scoreLatency(DemoWatch.bufferedCount(outcome.committed(),
          outcome.replay().requests()));
      boolean cancelled = JobLauncher.cancel(job, CANCEL_WAIT);
      job = null;
      if (!cancelled) {
        LOG.warn("The job did not end within {} s of its cancellation", CANCEL_WAIT.toSeconds());
      }
      closeAll(resources);
      // After the job: the task's figures may take seconds (the recommendation baselines), on a machine now idle.
      return report(o, summarize(task, events, outcome, latency));
    } catch (Exception e) {
      progress.finish();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      return fail(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
    } finally {
      if (job != null) {
        JobLauncher.cancel(job, CANCEL_WAIT);
      }
      closeAll(resources);
    }
  }

  private static DemoSummary summarize(DemoTask task, DemoEvents events, DemoWatch.Outcome outcome,
                                       ScoreLatency latency) {
    OutputObserver.Observation c = outcome.committed();
    ReplayResult r = outcome.replay();
    LearnedFigures learned = task.figures(c.lastTrainer(), outcome.trainerHistory(), events);
    return new DemoSummary(task, events.names(), r.labeled(), r.requests(), c.distinctScored(), c.scoreRecords(),
        learned, c.lastTrainer().getModelEpoch(), c.lastTrainer().getModelVersion(), c.scorer("freshness_p50_ms"),
        c.scorer("freshness_p99_ms"), latency, c.deadLetters(), r.elapsedNanos() / 1e9, outcome.elapsedSeconds());
  }

  /** The count and digest of the training ids of the labeled (not held-back) events, as the trainer sums them. */
  static AppliedEvents labeledIds(DemoEvents events, TrainingIds<?> ids) {
    AppliedEvents labeled = new AppliedEvents();
    for (int i = 0; i < events.size(); i++) {
      ReplayEvent e = events.eventAt(i);
      if (!e.request()) {
        labeled.add(ids.of(e.value()));
      }
    }
    return labeled;
  }

  private int report(DemoOptions o, DemoSummary summary) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("seed", o.seed());
    settings.put("rate_events_per_s", o.rate());
    settings.put("request_fraction", o.requestFraction());
    settings.put("warmup_events", o.warmupEvents());
    settings.put("limit_per_dataset", o.limit());
    int status = 0;
    out.println(summary.humanReadable());
    try {
      DemoReport.Written written = DemoReport.write(o.report(), summary, settings);
      out.println("  report     " + written.chart() + ", " + written.summary());
    } catch (UncheckedIOException | IllegalStateException e) {
      err.println("streamnet demo: error: " + e.getMessage());
      status = 1;
    }
    out.println(summary.keyValueLine());
    out.flush();
    return status;
  }

  private int fail(String message) {
    progress.finish();
    err.println("streamnet demo: error: " + message);
    return 1;
  }

  /** Creates the job's topics on the embedded broker, one partition each, with the configs StreamNet needs. */
  private static void createTopics(String bootstrap, JobConfig c) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
      admin.ensure(JobTopics.specs(c, 1, (short) 1));
    }
  }

  /** Something to close on the way out, named for the log. */
  private record Closer(String name, AutoCloseable action) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      action.close();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Closes in order; failures are logged, not thrown (this runs on the way out). */
  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Could not close {} cleanly: {}", c, e.toString());
      }
    }
    resources.clear();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete the demo's temporary directory {}: {}", dir, e.toString());
    }
  }
}
