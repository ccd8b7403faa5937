package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.model.PublishedModel;
import io.streamnet.jobs.model.PublishedVersions;
import io.streamnet.jobs.task.reco.RecoExample;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.TrainingMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendation job end to end on a real in-process Kafka broker, the real schema registry server and a Flink
 * MiniCluster, with MovieLens latest-small (a prefix, in time order) replayed through Kafka and requests answered by
 * a scorer at parallelism 2 (keyed by user, each instance with the whole model):
 * <ol>
 *   <li>its prequential figures equal nn-core's learner on the same events, exactly;</li>
 *   <li>failed three times mid-stream and once cancelled and restarted from a retained checkpoint, it applies every
 *       interaction exactly once (count and digest of ids) and answers every request exactly once (read_committed);
 *   </li>
 *   <li>its final model (weights and the id of every row) is then bit-identical to the uninterrupted run's;</li>
 *   <li>model versions on the snapshot topic never decrease, and the restarted job continues above them.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationJobIT {
  /** Interactions replayed: the first ones of latest-small in time order, a whole number of batches. */
  static final int EVENTS = 24_000;
  static final int REQUESTS = 1_000;
  static final long UNKNOWN_USER = 999_999_999L;
  /** How often a wait reads a topic of snapshots or answers again. */
  static final Duration SNAPSHOT_POLL = Duration.ofSeconds(1);

  @TempDir
  Path tmp;

  LocalKafkaRegistryEnvironment env;
  PipelineFixture fx;
  List<Rating> stream;
  List<Interaction> interactions;
  Set<String> requestIds = new HashSet<>();
  long expectedDigest;
  ModelSnapshot reference;

  @BeforeAll
  void produceTheStreams() {
    env = LocalKafkaRegistryEnvironment.start();
    fx = new PipelineFixture(env);
    fx.createTopics("reco.in", "reco.req");
    List<Rating> all = MovieLensReader.readInStreamOrder(DataLocator.fromEnvironment().locate(Dataset.MOVIELENS));
    stream = all.subList(0, EVENTS);
    interactions = new ArrayList<>(EVENTS);
    for (Rating r : stream) {
      interactions.add(interaction(r));
      expectedDigest += AppliedEvents.hash(RecoExample.interactionId(r.userId(), r.movieId(), r.timestamp() * 1000));
    }
    fx.produce("reco.in", interactions, v -> Long.toString(((Interaction) v).getUserId()));
    SplittableRandom random = new SplittableRandom(42);
    List<RecoRequest> requests = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      long user = i == 0 ? UNKNOWN_USER : stream.get(random.nextInt(EVENTS)).userId();
      requests.add(new RecoRequest("req-" + i, user, 10, null, Instant.ofEpochMilli(0)));
      requestIds.add("req-" + i);
    }
    fx.produce("reco.req", requests, v -> Long.toString(((RecoRequest) v).getUserId()));
  }

  static Interaction interaction(Rating r) {
    return new Interaction((long) r.userId(), (long) r.movieId(), r.rating(), null,
        Instant.ofEpochMilli(r.timestamp() * 1000));
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  /**
   * A job configuration reading the shared inputs and writing to outputs of its own ({@code run}), without the
   * feedback loop: what the loop feeds back depends on which version answered each request, so a recovery could not
   * be bit-identical with it.
   */
  JobConfig config(String run) {
    return config(run, Map.of("feedback.window_ms", "0"));
  }

  JobConfig config(String run, Map<String, String> more) {
    Map<String, String> o = new HashMap<>();
    o.put("job.task", "recommendation");
    // The default recommender with narrower vectors: every checkpoint holds the model and its optimizer slots, and
    // this test shows the plumbing (exactly once, recovery, feedback), not the model's quality.
    o.put("model.model.dim", "32");
    o.put("kafka.bootstrap_servers", fx.bootstrap());
    o.put("registry.url", env.registryUrl());
    o.put("kafka.group_id", "it-" + run);
    o.put("kafka.starting_offsets", "earliest");
    o.put("kafka.transaction_id_prefix", "it-" + run);
    o.put("topics.labeled", "reco.in");
    o.put("topics.requests", "reco.req");
    o.put("topics.scores", run + ".recommendations");
    o.put("topics.snapshots", run + ".snapshots");
    o.put("topics.dead_letters", run + ".dlq");
    o.put("topics.metrics", run + ".metrics");
    o.put("checkpointing.interval_ms", "1000");
    o.put("checkpointing.directory", tmp.resolve(run + "-checkpoints").toUri().toString());
    o.put("snapshots.directory", tmp.resolve(run + "-models").toUri().toString());
    o.put("restart.strategy", "fixed_delay");
    o.put("restart.delay_ms", "200");
    o.put("scorer.buffer_limit", String.valueOf(REQUESTS));
    o.put("scorer.delivery", "exactly_once"); // what this test shows: each answer once, read_committed
    fx.createTopics(run + ".recommendations", run + ".dlq", run + ".metrics", run + ".feedback");
    o.put("feedback.topic", run + ".feedback");
    fx.createSnapshotTopic(run + ".snapshots");
    fx.registerValueSchemas(Map.of(run + ".recommendations", Recommendation.getClassSchema(),
        run + ".dlq", DeadLetter.getClassSchema(), run + ".metrics", TrainingMetrics.getClassSchema(),
        run + ".feedback", Interaction.getClassSchema(), run + ".snapshots", ModelSnapshot.getClassSchema()));
    o.putAll(more); // last: a test's own settings win over the shared ones
    return JobConfig.parse("job: {task: recommendation}", "test").withOverrides(o);
  }

  JobClient start(JobConfig config, PipelineIo<Interaction, RecoRequest, Recommendation> io, String restoreFrom)
      throws Exception {
    Configuration flink = JobFactory.flinkConfiguration(config);
    if (restoreFrom != null) {
      flink.setString("execution.state-recovery.path", restoreFrom);
    }
    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    OnlineLearningJob.build(senv, JobFactory.plan(config, JobFactory.recommendation(config)), io);
    return senv.executeAsync(config.job().name());
  }

  static PipelineIo<Interaction, RecoRequest, Recommendation> kafkaIo(JobConfig config, boolean bounded) {
    return KafkaPipelineIo.create(JobFactory.kafka(config, bounded), JobFactory.recommendation(config));
  }

  /** The uninterrupted run, shared by the tests that compare with it. */
  synchronized ModelSnapshot reference() throws Exception {
    if (reference == null) {
      JobConfig config = config("ref");
      start(config, kafkaIo(config, true), null).getJobExecutionResult().get(10, TimeUnit.MINUTES);
      reference = fx.finalSnapshot("ref.snapshots");
    }
    return reference;
  }

  @Test
  void learnsExactlyAsNnCoresLearnerOnTheSameStreamAndAnswersEveryRequest() throws Exception {
    ModelSnapshot last = reference();
    JobConfig config = config("ref");
    RecoLearner direct = new RecoLearner(config.model().recommender());
    int batch = config.trainer().batchSize();
    for (int from = 0; from < EVENTS; from += batch) {
      List<InteractionEvent> events = new ArrayList<>(batch);
      for (Rating r : stream.subList(from, Math.min(EVENTS, from + batch))) {
        events.add(InteractionEvent.rated(r.userId(), r.movieId(), r.rating(), r.timestamp() * 1000));
      }
      direct.step(events);
    }
    Map<String, Double> expected = direct.metrics();
    System.out.printf("MovieLens prefix of %d: pipeline hr_at_10 %.4f ndcg_at_10 %.4f rmse %.4f, learner %s%n",
        EVENTS, last.getMetrics().get("hr_at_10"), last.getMetrics().get("ndcg_at_10"),
        last.getMetrics().get("rmse"), expected);
    for (String key : List.of("hr_at_10", "ndcg_at_10", "rmse")) {
      assertEquals(expected.get(key), last.getMetrics().get(key), 1e-12, key);
    }
    assertTrue(expected.get("hr_at_10") > 0.05, "the model learned: " + expected);
    assertArrayEquals(SnapshotPayload.full(direct.model()), PipelineFixture.bytes(last.getParameters()),
        "the job's final model is the learner's, weights and rows");
    assertEquals("recommendation", last.getTask());

    List<Recommendation> answers = fx.readAll("ref.recommendations", Recommendation.class);
    assertEquals(REQUESTS, answers.size(), "every request answered");
    for (Recommendation r : answers) {
      assertTrue(r.getItems().size() <= 10, "at most k items");
      if (r.getUserId() == UNKNOWN_USER) {
        assertTrue(r.getPopularityFallback(), "a user the model knows nothing of gets the popularity ranking");
      }
    }
  }

  @Test
  void failuresAndARestartApplyEveryEventOnceAnswerEveryRequestOnceAndEndBitIdentical() throws Exception {
    ModelSnapshot ref = reference();
    int n = EVENTS;
    int firstPart = n * 3 / 5;
    // The events arrive in two parts, on a topic of this test's own: run A is cancelled once it has applied and
    // checkpointed the first part, so the restart resumes mid-stream whatever the machine's speed.
    fx.createTopics("reco.chaos.in");
    fx.produce("reco.chaos.in", interactions.subList(0, firstPart), v -> Long.toString(((Interaction) v).getUserId()));
    JobConfig config = config("chaos", Map.of("feedback.window_ms", "0", "topics.labeled", "reco.chaos.in"));
    KafkaPipelineIo.Settings settings = JobFactory.kafka(config, false);
    PipelineIo<Interaction, RecoRequest, Recommendation> kafka = kafkaIo(config, false);
    FailureInjectingDecoder.reset();
    Path checkpoints = Path.of(java.net.URI.create(config.checkpointing().directory()));

    // Run A: two injected failures; cancelled once the first part is applied and committed.
    JobClient a = start(config, withLabeledDecoder(kafka, settings, new FailureInjectingDecoder<>(
        KafkaPipelineIo.labeledDecoder(settings, JobFactory.recommendation(config)),
        Set.of((long) n / 5, (long) n * 2 / 5), -1)), null);
    PipelineFixture.await("the first part applied through two injected failures, and committed",
        () -> FailureInjectingDecoder.FAILURES.get() == 2 && appliedOfLatest() == firstPart,
        () -> "failures " + FailureInjectingDecoder.FAILURES.get() + ", applied " + appliedOfLatest(),
        SNAPSHOT_POLL);
    a.cancel().get(2, TimeUnit.MINUTES);
    Path retained = PipelineFixture.latestCheckpoint(checkpoints).orElseThrow();
    List<ModelSnapshot> afterA = fx.readAll("chaos.snapshots", ModelSnapshot.class);
    fx.produce("reco.chaos.in", interactions.subList(firstPart, n), v -> Long.toString(((Interaction) v).getUserId()));

    // Run B: a new job restored from the retained checkpoint, failed once more, until everything is applied and
    // answered, then cancelled.
    JobClient b = start(config, withLabeledDecoder(kafka, settings, new FailureInjectingDecoder<>(
        KafkaPipelineIo.labeledDecoder(settings, JobFactory.recommendation(config)), Set.of((long) n * 4 / 5),
        -1)), retained.toUri().toString());
    PipelineFixture.await("every event applied and published", () -> appliedOfLatest() == n,
        () -> "failures " + FailureInjectingDecoder.FAILURES.get() + ", applied " + appliedOfLatest(),
        SNAPSHOT_POLL);
    PipelineFixture.await("every request answered",
        () -> fx.readAll("chaos.recommendations", Recommendation.class).size() >= REQUESTS, SNAPSHOT_POLL);
    b.cancel().get(2, TimeUnit.MINUTES);
    assertEquals(3, FailureInjectingDecoder.FAILURES.get(), "injected failures");

    PublishedModel published = latestPublished().orElseThrow();
    ModelSnapshot last = published.delta() != null ? published.delta() : published.full();
    assertEquals(n, last.getMetrics().get("applied_events"), 0.0, "applied events");
    long digest = AppliedEvents.digestIn(last.getMetrics());
    assertEquals(expectedDigest, digest, "digest of the applied interaction ids");

    Set<String> answered = new HashSet<>();
    for (Recommendation r : fx.readAll("chaos.recommendations", Recommendation.class)) {
      assertTrue(answered.add(r.getRequestId()), "request " + r.getRequestId() + " answered twice");
    }
    assertEquals(requestIds, answered, "every request has an answer");

    Recommender recovered = published.applyTo(
        Recommender.forScoring(RecommenderSpec.fromJson(published.full().getNetworkSpec())));
    assertArrayEquals(PipelineFixture.bytes(ref.getParameters()), SnapshotPayload.full(recovered),
        "final weights and rows after failures and a restart equal the uninterrupted run's");

    PipelineFixture.assertVersionsIncreaseAndContinueAbove(fx.readAll("chaos.snapshots", ModelSnapshot.class),
        afterA.get(afterA.size() - 1));
  }

  @Test
  void ignoredRecommendationsComeBackAsNegativesThroughTheFeedbackTopicAndAreLearned() throws Exception {
    fx.createTopics("fb.req");
    List<RecoRequest> requests = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      Rating at = stream.get(EVENTS / 10 + i * (EVENTS / 400)); // in the first 60% of the prefix's time
      requests.add(new RecoRequest("fb-" + i, (long) at.userId(), 10, null,
          Instant.ofEpochMilli(at.timestamp() * 1000 + random.nextInt(1000))));
    }
    fx.produce("fb.req", requests, v -> Long.toString(((RecoRequest) v).getUserId()));
    // A year of event time for an engagement: the requests are read at once while the trainer replays 5 years of
    // ratings, so a short window would close before most answers (late impressions are dropped and counted).
    JobConfig config = config("fb", Map.of("topics.requests", "fb.req", "feedback.window_ms", "31536000000",
        "feedback.allowed_lateness_ms", "0", "feedback.out_of_orderness_ms", "1000", "feedback.idle_ms", "1000"));
    JobClient job = start(config, kafkaIo(config, false), null);
    PipelineFixture.await("ignored impressions written back", () -> !fx.readAll("fb.feedback",
        Interaction.class).isEmpty(), () -> "answers " + fx.readAll("fb.recommendations", Recommendation.class).size()
        + ", snapshots " + fx.readAll("fb.snapshots", ModelSnapshot.class).size(), SNAPSHOT_POLL);
    PipelineFixture.await("and learned from", () -> {
      List<ModelSnapshot> published = fx.readAll("fb.snapshots", ModelSnapshot.class);
      return !published.isEmpty()
          && published.get(published.size() - 1).getMetrics().getOrDefault("applied_events", 0.0) > EVENTS;
    }, SNAPSHOT_POLL);
    job.cancel().get(2, TimeUnit.MINUTES);
    List<Interaction> negatives = fx.readAll("fb.feedback", Interaction.class);
    Map<String, Set<Long>> served = new HashMap<>();
    for (Recommendation r : fx.readAll("fb.recommendations", Recommendation.class)) {
      Set<Long> items = served.computeIfAbsent(Long.toString(r.getUserId()), u -> new HashSet<>());
      r.getItems().forEach(i -> items.add(i.getItemId()));
    }
    for (Interaction n : negatives) {
      assertEquals(Boolean.FALSE, n.getClicked(), "a negative is an ignored impression");
      assertTrue(n.getRating() == null, "with no rating");
      assertTrue(served.getOrDefault(Long.toString(n.getUserId()), Set.of()).contains(n.getItemId()),
          "every negative is an item served to that user: " + n);
    }
  }

  java.util.Optional<PublishedModel> latestPublished() {
    return PublishedVersions.latestModel(fx.kafkaProperties(), "chaos.snapshots", "recommendation", fx.registry);
  }

  /** Events applied by the latest published model of the chaos run, -1 before the first. */
  long appliedOfLatest() {
    return latestPublished().map(RecommendationJobIT::appliedOf).orElse(-1L);
  }

  static long appliedOf(PublishedModel m) {
    ModelSnapshot s = m.delta() != null ? m.delta() : m.full();
    Double applied = s.getMetrics().get("applied_events");
    return applied == null ? -1 : applied.longValue();
  }

  static PipelineIo<Interaction, RecoRequest, Recommendation> withLabeledDecoder(
      PipelineIo<Interaction, RecoRequest, Recommendation> io, KafkaPipelineIo.Settings settings,
      FailureInjectingDecoder<Interaction> decoder) {
    return io.withLabeled(KafkaPipelineIo.source(settings, settings.topics().labeled(), decoder));
  }
}
