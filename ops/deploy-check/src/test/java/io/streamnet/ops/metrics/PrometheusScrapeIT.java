package io.streamnet.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.edge.EdgeScorerApp;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.job.JobFactory;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.ops.GrafanaDashboard;
import io.streamnet.ops.PrometheusScrape;
import io.streamnet.ops.RepoFiles;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real job, each task in turn, on a Flink MiniCluster with Flink's Prometheus reporter (as the cluster's plugin
 * runs it), the embedded Kafka broker and the real schema registry server. Events are fed through Kafka; the reporter's
 * {@code /metrics} page is scraped over HTTP until the job has learned and answered everything, and then:
 * <ul>
 *   <li>the StreamNet figures there are the job's: events applied = labeled events fed, model version at least 1,
 *       requests answered = requests fed, latency quantiles, dead letters by reason = the malformed records fed,
 *       completed checkpoints;</li>
 *   <li>the edge scorer, following the sentiment job's snapshots topic, serves its model and reports on its own
 *       {@code /metrics} the requests it answered and the dead letter it wrote;</li>
 *   <li>every metric name of {@code ops/grafana/streamnet.json}'s queries is on these pages: those of the job
 *       ({@code flink_*}) on one of the two tasks' pages, those of the edge ({@code streamnet_edge_*}) on the edge's.
 *       The dashboard cannot drift from the code.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {
  static final String OP = "flink_taskmanager_job_task_operator_";
  static final String TRAINER = OP + "streamnet_trainer_";
  static final String SCORER = OP + "streamnet_scorer_";
  /** The decoders' dead letters by reason (the connectors' DecodingDeserializationSchema counts them). */
  static final String DEAD_LETTERS = OP + "deserializer_streamnet_decode_reason_deadLetters";
  static final Duration DEADLINE = Duration.ofMinutes(5);
  static final int GARBAGE = 3;

  @TempDir
  Path tmp;

  LocalKafkaRegistryEnvironment env;
  final Map<String, PrometheusScrape> scrapes = new HashMap<>();

  @BeforeAll
  void start() {
    env = LocalKafkaRegistryEnvironment.start();
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Order(1)
  void theSentimentJobReportsItsFiguresThroughThePrometheusReporter() throws Exception {
    List<LabeledText> uci = CanonicalOrder.apply(UciSentencesReader.read(
        DataLocator.fromEnvironment().locate(Dataset.UCI)), 42).subList(0, 1000);
    List<ReviewEvent> labeled = new ArrayList<>();
    for (LabeledText t : uci) {
      labeled.add(new ReviewEvent("uci-" + t.index(), t.text(), t.label(), Instant.now(), null));
    }
    List<ReviewEvent> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(new ReviewEvent("req-" + i, uci.get(i).text(), null, Instant.now(), null));
    }
    JobConfig config = config("sent", JobConfig.defaults(), Map.of());
    createTopics(config, SentimentScore.getClassSchema());

    JobPages run = runUntil(config, () -> {
      produce("sent.labeled", labeled, v -> ((ReviewEvent) v).getId().toString());
      // Not Avro: dead letters without a schema id (reason NO_MAGIC_BYTE).
      List<ProducerRecord<byte[], byte[]>> garbage = new ArrayList<>();
      for (int i = 0; i < GARBAGE; i++) {
        garbage.add(new ProducerRecord<>("sent.labeled", ("junk-" + i).getBytes(StandardCharsets.UTF_8)));
      }
      TestKafka.produce(env.bootstrapServers(), garbage);
    }, p -> value(p, SCORER + "modelVersion") >= 1, // requests once a model serves: their latency is measured
        () -> produce("sent.requests", requests, v -> ((ReviewEvent) v).getId().toString()),
        p -> value(p, TRAINER + "appliedEvents") == labeled.size()
        && value(p, SCORER + "scored") == requests.size()
        && deadLetters(p, "NO_MAGIC_BYTE") == GARBAGE
        && value(p, "flink_jobmanager_job_numberOfCompletedCheckpoints") >= 1,
        // The edge test reads this topic as read_committed: a snapshot must be committed before the job is cancelled,
        // or its open transaction hides everything after it for the transaction timeout (a slow CI run saw this).
        config.topics().snapshots());
    PrometheusScrape page = run.figures();
    scrapes.put("sentiment", page);

    assertEquals(labeled.size(), value(page, TRAINER + "appliedEvents"), "events applied = labeled events fed");
    assertTrue(value(page, TRAINER + "modelVersion") >= 1, "a version published");
    assertTrue(value(page, TRAINER + "modelAgeSeconds") >= 0, "the last version's age");
    assertTrue(value(page, TRAINER + "snapshotBytes") > 0, "the last version's size");
    double accuracy = value(page, TRAINER + "accuracy");
    assertTrue(accuracy > 0.5 && accuracy <= 1, "prequential accuracy of the UCI sentences: " + accuracy);
    assertTrue(value(page, TRAINER + "logloss") > 0, "prequential log-loss");
    assertEquals(requests.size(), value(page, SCORER + "scored"), "every request answered once");
    assertTrue(value(page, SCORER + "modelVersion") >= 1, "the scorer serves a version");
    double p50 = value(page, SCORER + "latencyP50Ms");
    double p99 = value(page, SCORER + "latencyP99Ms");
    assertTrue(p50 >= 0 && p99 >= p50, "latency quantiles p50 " + p50 + " <= p99 " + p99);
    assertEquals(0, value(page, SCORER + "buffered"), "nothing waits once a model serves");
    assertEquals(0, value(page, SCORER + "bufferedScored"), "no request came before the model");
    assertEquals(GARBAGE, deadLetters(page, "NO_MAGIC_BYTE"), "dead letters by reason");
    assertEquals(0, deadLetters(page, "CORRUPT_AVRO"), "a reason without dead letters reports 0");
    assertTrue(value(page, "flink_jobmanager_job_numberOfCompletedCheckpoints") >= 1, "checkpoints completed");
    // Triggers while the job's tasks are still being deployed count as failed: the counts add up, whatever they are.
    assertEquals(0, unaccountedCheckpoints(run.checkpoints()), "checkpoint counts add up");
  }

  @Test
  @Order(2)
  void theRecommendationJobReportsItsFiguresThroughThePrometheusReporter() throws Exception {
    List<Rating> ratings = MovieLensReader.readInStreamOrder(DataLocator.fromEnvironment().locate(Dataset.MOVIELENS))
        .subList(0, 3000);
    List<Interaction> interactions = new ArrayList<>();
    for (Rating r : ratings) {
      interactions.add(new Interaction((long) r.userId(), (long) r.movieId(), r.rating(), null,
          Instant.ofEpochMilli(r.timestamp() * 1000)));
    }
    List<RecoRequest> requests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      requests.add(new RecoRequest("reco-" + i, (long) ratings.get(i * 7).userId(), 10, null, Instant.now()));
    }
    JobConfig config = config("reco", JobConfig.parse("job: {task: recommendation}", "it"),
        Map.of("model.model.dim", "16", "scorer.parallelism", "1", "feedback.topic", "reco.feedback"));
    createTopics(config, Recommendation.getClassSchema());
    TestKafka.createTopics(env.bootstrapServers(), "reco.feedback");
    register(Map.of("reco.feedback", Interaction.getClassSchema()));

    JobPages run = runUntil(config,
        () -> produce("reco.labeled", interactions, v -> Long.toString(((Interaction) v).getUserId())),
        p -> value(p, SCORER + "modelVersion") >= 1,
        () -> produce("reco.requests", requests, v -> Long.toString(((RecoRequest) v).getUserId())),
        p -> value(p, TRAINER + "appliedEvents") >= interactions.size()
        && value(p, SCORER + "scored") == requests.size()
        && value(p, OP + "streamnet_feedback_impressions") == requests.size(), null);
    PrometheusScrape page = run.figures();
    scrapes.put("recommendation", page);

    assertTrue(value(page, TRAINER + "appliedEvents") >= interactions.size(),
        "the interactions applied (and the fed-back negatives)");
    assertTrue(value(page, TRAINER + "modelVersion") >= 1, "a version published");
    double hr = value(page, TRAINER + "hr_at_10");
    double ndcg = value(page, TRAINER + "ndcg_at_10");
    assertTrue(hr > 0 && hr <= 1 && ndcg > 0 && ndcg <= hr, "HR@10 " + hr + ", NDCG@10 " + ndcg);
    assertEquals(requests.size(), value(page, SCORER + "scored"), "every request answered once");
    assertEquals(requests.size(), value(page, OP + "streamnet_feedback_impressions"), "each answer an impression");
    assertEquals(0, unaccountedCheckpoints(run.checkpoints()), "checkpoint counts add up");
  }

  /** The edge scorer, following the sentiment job's snapshots, answers requests and reports on /metrics. */
  @Test
  @Order(3)
  void theEdgeScorerFollowingTheJobsSnapshotsReportsOnItsMetricsPage() throws Exception {
    TestKafka.createTopics(env.bootstrapServers(), "edge.requests", "edge.scores", "edge.dlq");
    register(Map.of("edge.scores", SentimentScore.getClassSchema(), "edge.dlq", DeadLetter.getClassSchema()));
    EdgeConfig config = EdgeConfig.parse("""
        app: {application_id: scrape-edge, state_dir: '%s', http_port: 0}
        kafka: {bootstrap_servers: '%s'}
        registry: {url: '%s'}
        topics: {snapshots: sent.snapshots, dead_letters: edge.dlq}
        tasks:
          sentiment: {model_id: sentiment, requests: edge.requests, answers: edge.scores}
        """.formatted(tmp.resolve("edge-state"), env.bootstrapServers(), env.registryUrl()), "scrape-it");
    List<ReviewEvent> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(new ReviewEvent("edge-" + i, "a fine phone, works well " + i, null, Instant.now(), null));
    }
    try (EdgeScorerApp edge = EdgeScorerApp.start(config)) {
      produce("edge.requests", requests, v -> ((ReviewEvent) v).getId().toString());
      TestKafka.produce(env.bootstrapServers(), List.of(new ProducerRecord<>("edge.requests",
          "junk".getBytes(StandardCharsets.UTF_8))));
      String url = "http://127.0.0.1:" + edge.httpPort() + "/metrics";
      Predicate<Map<String, String>> sentiment = l -> "sentiment".equals(l.get("task"));
      PrometheusScrape page = await(url, p -> sum(p, "streamnet_edge_requests_total", sentiment) == requests.size()
          && sum(p, "streamnet_edge_dead_letters_total", l -> "NO_MAGIC_BYTE".equals(l.get("reason"))) == 1);
      scrapes.put("edge", page);
      assertTrue(sum(page, "streamnet_edge_model_version", sentiment) >= 1, "the job's model served");
      assertEquals(requests.size(), sum(page, "streamnet_edge_request_latency_seconds_count", sentiment),
          "every answer's latency observed");
      assertEquals(0, sum(page, "streamnet_edge_buffered", sentiment), "nothing waits once a model serves");
    }
  }

  @Test
  @Order(4)
  void everyMetricTheDashboardQueriesIsOnTheReportersPages() {
    assertEquals(Set.of("sentiment", "recommendation", "edge"), scrapes.keySet(), "both jobs and the edge scraped");
    GrafanaDashboard dashboard = GrafanaDashboard.load(RepoFiles.resolve("ops/grafana/streamnet.json"));
    Set<String> job = new TreeSet<>();
    job.addAll(scrapes.get("sentiment").names());
    job.addAll(scrapes.get("recommendation").names());
    assertReported(dashboard.metricNamesStartingWith("flink_"), job, "the job");
    assertReported(dashboard.metricNamesStartingWith("streamnet_edge_"), scrapes.get("edge").names(), "the edge");
  }

  static void assertReported(Set<String> queried, Set<String> reported, String who) {
    assertFalse(queried.isEmpty(), "the dashboard queries " + who);
    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(reported);
    assertEquals(Set.of(), missing, "metrics the dashboard queries that " + who + " does not report");
  }

  /** Scrapes {@code url} until {@code done} holds. */
  static PrometheusScrape await(String url, Predicate<PrometheusScrape> done) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    PrometheusScrape last = null;
    while (last == null || !done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the figures did not reach the expected ones; last page:\n"
            + (last == null ? "(none)" : last.text()));
      }
      Thread.sleep(500);
      last = PrometheusScrape.fetch(url);
    }
    return last;
  }

  static double sum(PrometheusScrape page, String name, Predicate<Map<String, String>> labels) {
    return page.samples(name, labels).stream().mapToDouble(PrometheusScrape.Sample::value).sum();
  }

  /** The job's settings on this environment: its own topics named after {@code run}, fast checkpoints. */
  JobConfig config(String run, JobConfig base, Map<String, String> more) {
    Map<String, String> o = new HashMap<>();
    o.put("job.name", "scrape-" + run);
    o.put("kafka.bootstrap_servers", env.bootstrapServers());
    o.put("registry.url", env.registryUrl());
    o.put("kafka.group_id", "scrape-" + run);
    o.put("kafka.starting_offsets", "earliest");
    o.put("kafka.transaction_id_prefix", "scrape-" + run);
    for (String t : List.of("labeled", "requests", "scores", "snapshots", "dead_letters", "metrics")) {
      o.put("topics." + t, run + "." + t);
    }
    o.put("trainer.max_wait_ms", "100"); // the last partial batch is trained too
    o.put("metrics.interval_ms", "200");
    o.put("checkpointing.interval_ms", "500");
    o.put("checkpointing.directory", tmp.resolve(run + "-checkpoints").toUri().toString());
    o.put("snapshots.directory", tmp.resolve(run + "-models").toUri().toString());
    o.put("restart.strategy", "none"); // a failure fails the test at once
    o.putAll(more);
    return base.withOverrides(o);
  }

  void createTopics(JobConfig c, Schema answers) {
    var t = c.topics();
    TestKafka.createTopics(env.bootstrapServers(), t.labeled(), t.requests(), t.scores(), t.deadLetters(),
        t.metrics());
    try (TopicAdmin admin = TopicAdmin.connect(env.bootstrapServers())) {
      admin.ensure(List.of(new TopicSpec(t.snapshots(), 1, (short) 1,
          StreamNetTopics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS))));
    }
    // Registered before the job starts: the test registry's storage can stall on concurrent first registrations.
    register(Map.of(t.scores(), answers, t.deadLetters(), DeadLetter.getClassSchema(), t.metrics(),
        TrainingMetrics.getClassSchema(), t.snapshots(), ModelSnapshot.getClassSchema()));
  }

  void register(Map<String, Schema> byTopic) {
    SchemaRegistryClient client = SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
    byTopic.forEach((topic, schema) -> client.register(topic + "-value", schema));
  }

  void produce(String topic, List<? extends SpecificRecord> values, Function<Object, String> key) {
    RegistryConfig registry = RegistryConfig.of(env.registryUrl());
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(registry), AvroSerdeConfig.of(registry), false))) {
      for (SpecificRecord v : values) {
        producer.send(new ProducerRecord<>(topic, key.apply(v), v));
      }
      producer.flush();
    }
  }

  /**
   * Starts the job with the Prometheus reporter on a free port, feeds it, scrapes until {@code ready} holds, then
   * sends {@code requests} and scrapes until {@code done} holds on two pages in a row (the figures are the second's);
   * when {@code committedTopic} is given, waits until a read_committed consumer sees a record there; then scrapes until
   * a page's checkpoint counts add up; cancels it. The figures' page is also written to target/scrapes/ for a reader.
   */
  JobPages runUntil(JobConfig config, Runnable feed, Predicate<PrometheusScrape> ready, Runnable requests,
                    Predicate<PrometheusScrape> done, String committedTopic) throws Exception {
    int port = freePort();
    Configuration flink = JobFactory.flinkConfiguration(config);
    flink.setString("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    flink.setString("metrics.reporter.prom.port", Integer.toString(port));
    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    JobFactory.buildOnKafka(senv, config, false);
    JobClient job = senv.executeAsync(config.job().name());
    AtomicReference<PrometheusScrape> last = new AtomicReference<>();
    try {
      feed.run();
      boolean requested = false;
      boolean doneOnce = false;
      String url = "http://127.0.0.1:" + port + "/metrics";
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        assertFalse(job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState(), "the job ended");
        try {
          last.set(PrometheusScrape.fetch(url));
        } catch (RuntimeException e) {
          last.set(null); // the reporter starts with the cluster; the job's metrics appear as its tasks start
        }
        if (last.get() != null && !requested && ready.test(last.get())) {
          requests.run();
          requested = true;
        } else if (last.get() != null && requested && done.test(last.get())) {
          // The reporter reads gauge after gauge while it writes a page, so the page where the counts first reach
          // their end may hold other gauges read before the last records came: the figures are those of the next
          // page, read wholly after the end.
          if (doneOnce) {
            break;
          }
          doneOnce = true;
        } else {
          doneOnce = false;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the job's figures did not reach the expected ones; last page:\n"
              + (last.get() == null ? "(none)" : last.get().text()));
        }
        Thread.sleep(500);
      }
      if (committedTopic != null) {
        assertFalse(TestKafka.consume(env.bootstrapServers(), committedTopic, 1).isEmpty(),
            "a record committed on " + committedTopic + " while the job ran");
      }
      Path out = Path.of("target/scrapes");
      Files.createDirectories(out);
      Files.writeString(out.resolve(config.job().name() + ".txt"), last.get().text());
      return new JobPages(last.get(), pageWhereCheckpointCountsAddUp(url));
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
      // cancel() returns once requested: wait until the tasks are gone, or the trainer's model files may still be
      // being written while the test's temporary directory is deleted (a CI run failed so)
      // (the job's own MiniCluster shuts down when it ends, and then answers no more status queries)
      job.getJobExecutionResult().handle((result, failure) -> null).get(1, TimeUnit.MINUTES);
    }
  }

  /** The page read once the job's counts reached their end, and one whose checkpoint counts add up. */
  record JobPages(PrometheusScrape figures, PrometheusScrape checkpoints) {
  }

  /**
   * The first of up to 20 pages, half a second apart, whose checkpoint counts add up exactly. The reporter reads
   * gauge after gauge while it writes a page, and checkpoints are triggered every 500 ms here, so a checkpoint may be
   * triggered or completed between two reads of one page, by more than one when the machine is loaded: one page can
   * disagree, but counts that are wrong disagree on every page.
   */
  static PrometheusScrape pageWhereCheckpointCountsAddUp(String url) throws InterruptedException {
    List<Double> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      PrometheusScrape page = PrometheusScrape.fetch(url);
      double unaccounted = unaccountedCheckpoints(page);
      if (unaccounted == 0) {
        return page;
      }
      seen.add(unaccounted);
      Thread.sleep(500);
    }
    throw new AssertionError("no page's checkpoint counts added up; checkpoints unaccounted for on each: " + seen);
  }

  /** Checkpoints triggered but neither completed, failed nor in progress; NaN when a count is not reported. */
  static double unaccountedCheckpoints(PrometheusScrape page) {
    return value(page, "flink_jobmanager_job_totalNumberOfCheckpoints")
        - value(page, "flink_jobmanager_job_numberOfCompletedCheckpoints")
        - value(page, "flink_jobmanager_job_numberOfFailedCheckpoints")
        - value(page, "flink_jobmanager_job_numberOfInProgressCheckpoints");
  }

  /** The one value of a job metric (the largest when several subtasks report it); NaN when absent. */
  static double value(PrometheusScrape page, String name) {
    return page.max(name).orElse(Double.NaN);
  }

  static double deadLetters(PrometheusScrape page, String reason) {
    return page.samples(DEAD_LETTERS, l -> reason.equals(l.get("reason"))).stream()
        .mapToDouble(PrometheusScrape.Sample::value).sum();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
