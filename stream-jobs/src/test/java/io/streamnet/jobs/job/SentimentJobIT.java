package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.model.PublishedModel;
import io.streamnet.jobs.model.PublishedVersions;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.ImdbReader;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.MetricsLine;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.TextPrequentialRunner;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentiment job end to end on a real in-process Kafka broker, the real schema registry server and a Flink
 * MiniCluster, with IMDB (50,000 reviews in the canonical seed-42 order) replayed through Kafka:
 * <ol>
 *   <li>it learns as well as nn-core's prequential runner on the same stream;</li>
 *   <li>failed three times mid-stream and once cancelled and restarted from a retained checkpoint, it applies every
 *       labeled event exactly once and scores every request exactly once (read_committed);</li>
 *   <li>its final weights are then bit-identical to the uninterrupted run's;</li>
 *   <li>model versions on the snapshot topic never decrease, and the restarted job continues above them.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentimentJobIT {
  static final int REQUESTS = 2_000;

  @TempDir
  Path tmp;

  LocalKafkaRegistryEnvironment env;
  PipelineFixture fx;
  List<LabeledText> stream;
  Set<String> requestIds = new HashSet<>();
  long expectedDigest;
  ModelSnapshot reference;

  @BeforeAll
  void produceTheStreams() {
    env = LocalKafkaRegistryEnvironment.start();
    fx = new PipelineFixture(env);
    fx.createTopics("in.labeled", "in.requests");
    Path imdb = DataLocator.fromEnvironment().locate(Dataset.IMDB);
    List<LabeledText> all = CanonicalOrder.apply(ImdbReader.read(imdb), 42);
    // A whole number of batches (49,984 of 50,000 reviews): an unbounded job never trains a last partial batch
    // (batches form by count), so the failure test can compare with the bounded reference run.
    stream = all.subList(0, all.size() - all.size() % JobConfig.defaults().trainer().batchSize());
    List<ReviewEvent> labeled = new ArrayList<>(stream.size());
    for (LabeledText t : stream) {
      String id = "imdb-" + t.index();
      labeled.add(PipelineFixture.review(id, t.text(), t.label()));
      expectedDigest += AppliedEvents.hash(id);
    }
    fx.produce("in.labeled", labeled, v -> ((ReviewEvent) v).getId().toString());
    List<ReviewEvent> requests = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      String id = "req-" + i;
      requests.add(PipelineFixture.review(id, stream.get(stream.size() - 1 - i).text(), null));
      requestIds.add(id);
    }
    fx.produce("in.requests", requests, v -> ((ReviewEvent) v).getId().toString());
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  /** A job configuration reading the shared inputs and writing to outputs of its own ({@code run}). */
  JobConfig config(String run, Map<String, String> more) {
    Map<String, String> o = fx.jobSettings(run, "in.labeled", "in.requests", tmp.resolve(run + "-checkpoints"));
    o.put("snapshots.directory", tmp.resolve(run + "-models").toUri().toString());
    o.put("scorer.buffer_limit", String.valueOf(REQUESTS));
    o.put("scorer.delivery", "exactly_once"); // what this test shows: each answer once, read_committed
    o.putAll(more);
    return JobConfig.defaults().withOverrides(o);
  }

  JobClient start(JobConfig config, PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> io, String restoreFrom) throws Exception {
    Configuration flink = JobFactory.flinkConfiguration(config);
    if (restoreFrom != null) {
      flink.setString("execution.state-recovery.path", restoreFrom);
    }
    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    OnlineLearningJob.build(senv, JobFactory.plan(config, JobFactory.sentiment(config)), io);
    return senv.executeAsync(config.job().name());
  }

  static PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> kafkaIo(JobConfig config) {
    return KafkaPipelineIo.create(JobFactory.kafka(config, true), JobFactory.sentiment(config));
  }

  /** The uninterrupted run, shared by the tests that compare with it. */
  synchronized ModelSnapshot reference() throws Exception {
    if (reference == null) {
      JobConfig config = config("ref", Map.of());
      start(config, kafkaIo(config), null).getJobExecutionResult().get(10, TimeUnit.MINUTES);
      reference = fx.finalSnapshot("ref.snapshots");
    }
    return reference;
  }

  @Test
  void learnsImdbThroughKafkaAsWellAsTheRunnerOnTheSameStream() throws Exception {
    ModelSnapshot last = reference();
    double pipeline = last.getMetrics().get("accuracy");

    JobConfig config = JobConfig.defaults();
    TextPrequentialRunner runner = new TextPrequentialRunner(config.model().features(),
        config.trainer().batchSize(), Network.build(config.model().network()), ProgressReporter.silent());
    MetricsLine line = runner.run(stream);
    double direct = Double.parseDouble(line.asMap().get("accuracy"));

    System.out.printf("IMDB prequential accuracy: pipeline %.4f, nn-core runner %.4f%n", pipeline, direct);
    assertEquals(direct, pipeline, 0.01, "pipeline accuracy within 1 point of the runner's");
    assertTrue(pipeline > 0.85, "IMDB accuracy " + pipeline);
    assertEquals(stream.size(), last.getMetrics().get("applied_events"), 0.0);
  }

  @Test
  void failuresAndARestartApplyEveryEventOnceScoreEveryRequestOnceAndEndBitIdentical() throws Exception {
    ModelSnapshot ref = reference();
    int n = stream.size();
    JobConfig config = config("chaos", Map.of());
    PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> kafka = KafkaPipelineIo.create(JobFactory.kafka(config, false),
        JobFactory.sentiment(config));
    KafkaPipelineIo.Settings settings = JobFactory.kafka(config, false);
    FailureInjectingDecoder.reset();

    // Run A: two injected failures, then the source parks mid-stream and the job is cancelled.
    PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> chaosA = withLabeledDecoder(kafka, settings, new FailureInjectingDecoder<>(
        KafkaPipelineIo.labeledDecoder(settings, JobFactory.sentiment(JobConfig.defaults())), Set.of((long) n / 5, (long) n * 2 / 5), (long) n * 3 / 5));
    JobClient a = start(config, chaosA, null);
    PipelineFixture.await("two injected failures and the parked source",
        () -> FailureInjectingDecoder.FAILURES.get() == 2 && FailureInjectingDecoder.parked.getCount() == 0);
    Path checkpoints = Path.of(java.net.URI.create(config.checkpointing().directory()));
    PipelineFixture.await("a completed checkpoint", () -> PipelineFixture.latestCheckpoint(checkpoints).isPresent());
    a.cancel().get(2, TimeUnit.MINUTES);
    FailureInjectingDecoder.release.countDown();
    Path retained = PipelineFixture.latestCheckpoint(checkpoints).orElseThrow();
    List<ModelSnapshot> afterA = fx.readAll("chaos.snapshots", ModelSnapshot.class);

    // Run B: a new job restored from the retained checkpoint, failed once more, until everything is applied and
    // scored (an unbounded job, as in production), then cancelled.
    PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> chaosB = withLabeledDecoder(kafka, settings, new FailureInjectingDecoder<>(
        KafkaPipelineIo.labeledDecoder(settings, JobFactory.sentiment(JobConfig.defaults())), Set.of((long) n * 4 / 5), -1));
    JobClient b = start(config, chaosB, retained.toUri().toString());
    PipelineFixture.await("every event applied and published",
        () -> latestPublished().map(m -> m.full().getMetrics()).isPresent()
            && appliedOf(latestPublished().orElseThrow()) == n);
    PipelineFixture.await("every request scored", () -> fx.readAll("chaos.scores", SentimentScore.class).size() >= REQUESTS);
    b.cancel().get(2, TimeUnit.MINUTES);
    assertEquals(3, FailureInjectingDecoder.FAILURES.get(), "injected failures");

    // Every labeled event applied exactly once: count and order-independent digest of the ids.
    PublishedModel published = latestPublished().orElseThrow();
    ModelSnapshot last = published.delta() != null ? published.delta() : published.full();
    assertEquals(n, last.getMetrics().get("applied_events"), 0.0, "applied events");
    long digest = AppliedEvents.digestIn(last.getMetrics());
    assertEquals(expectedDigest, digest, "digest of the applied event ids");

    // Every request scored exactly once, as seen by a read_committed consumer.
    List<SentimentScore> scores = fx.readAll("chaos.scores", SentimentScore.class);
    Set<String> scored = new HashSet<>();
    for (SentimentScore s : scores) {
      assertTrue(scored.add(s.getId().toString()), "request " + s.getId() + " scored twice");
    }
    assertEquals(requestIds, scored, "every request has a score");

    // Bit-identical final weights to the uninterrupted run.
    Network recovered = published.applyTo(Network.forScoring(NetworkSpec.fromJson(published.full().getNetworkSpec())));
    assertArrayEquals(PipelineFixture.bytes(ref.getParameters()), SnapshotPayload.full(recovered),
        "final weights after failures and a restart equal the uninterrupted run's");

    // Versions never decrease on the topic; the restarted job continued above run A's versions.
    PipelineFixture.assertVersionsIncreaseAndContinueAbove(fx.readAll("chaos.snapshots", ModelSnapshot.class),
        afterA.get(afterA.size() - 1));
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndLeaveTheModelAsIfTheyWereNotThere() throws Exception {
    List<LabeledText> uci = CanonicalOrder.apply(UciSentencesReader.read(DataLocator.fromEnvironment().locate(Dataset.UCI)), 42);
    fx.createTopics("uci.clean", "uci.dirty", "uci.requests");
    List<ReviewEvent> clean = new ArrayList<>();
    for (LabeledText t : uci) {
      clean.add(PipelineFixture.review("uci-" + t.index(), t.text(), t.label()));
    }
    fx.produce("uci.clean", clean, v -> ((ReviewEvent) v).getId().toString());
    fx.produce("uci.requests", List.of(PipelineFixture.review("r1", "great phone", null)),
        v -> ((ReviewEvent) v).getId().toString());
    // The same events with bad records between them: not Avro, no magic byte, no label, blank text.
    int bad = 0;
    for (int i = 0; i < clean.size(); i += 500) {
      fx.produce("uci.dirty", clean.subList(i, Math.min(i + 500, clean.size())), v -> ((ReviewEvent) v).getId().toString());
      fx.produceRaw("uci.dirty", List.of(
          new ProducerRecord<>("uci.dirty", null, new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 42}),
          new ProducerRecord<>("uci.dirty", null, "plain text".getBytes(StandardCharsets.UTF_8))));
      fx.produce("uci.dirty", List.of(PipelineFixture.review("nolabel-" + i, "no label here", null),
          PipelineFixture.review("blank-" + i, " ", 1)), v -> ((ReviewEvent) v).getId().toString());
      bad += 4;
    }
    Map<String, String> uciInputs = new HashMap<>(Map.of("topics.requests", "uci.requests"));
    uciInputs.put("topics.labeled", "uci.clean");
    JobConfig cleanRun = config("uciclean", uciInputs);
    start(cleanRun, kafkaIo(cleanRun), null).getJobExecutionResult().get(10, TimeUnit.MINUTES);
    uciInputs.put("topics.labeled", "uci.dirty");
    JobConfig dirtyRun = config("ucidirty", uciInputs);
    start(dirtyRun, kafkaIo(dirtyRun), null).getJobExecutionResult().get(10, TimeUnit.MINUTES);

    ModelSnapshot a = fx.finalSnapshot("uciclean.snapshots");
    ModelSnapshot b = fx.finalSnapshot("ucidirty.snapshots");
    assertEquals(uci.size(), b.getMetrics().get("applied_events"), 0.0, "every good event applied");
    assertArrayEquals(PipelineFixture.bytes(a.getParameters()), PipelineFixture.bytes(b.getParameters()),
        "bad records change nothing in the model");
    List<DeadLetter> letters = fx.readAll("ucidirty.dlq", DeadLetter.class);
    assertEquals(bad, letters.size(), "every bad record dead-lettered once");
    Map<DeadLetterReason, Long> byReason = new java.util.EnumMap<>(DeadLetterReason.class);
    for (DeadLetter d : letters) {
      byReason.merge(d.getReason(), 1L, Long::sum);
      assertEquals("uci.dirty", d.getSourceTopic().toString());
    }
    long quarter = bad / 4;
    assertEquals(Map.of(DeadLetterReason.UNKNOWN_SCHEMA_ID, quarter, DeadLetterReason.NO_MAGIC_BYTE, quarter,
        DeadLetterReason.VALIDATION_FAILED, 2 * quarter), byReason, "reasons");
    assertTrue(letters.stream().anyMatch(d -> d.getMessage().toString().contains("label is required")),
        "the message names what is wrong");
    assertEquals(1, fx.readAll("ucidirty.scores", SentimentScore.class).size(), "the job kept scoring");
  }

  java.util.Optional<PublishedModel> latestPublished() {
    return PublishedVersions.latestModel(fx.kafkaProperties(), "chaos.snapshots", JobConfig.defaults().job().modelId(),
        fx.registry);
  }

  static long appliedOf(PublishedModel m) {
    ModelSnapshot s = m.delta() != null ? m.delta() : m.full();
    Double applied = s.getMetrics().get("applied_events");
    return applied == null ? -1 : applied.longValue();
  }

  static PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> withLabeledDecoder(
      PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> io, KafkaPipelineIo.Settings settings,
      FailureInjectingDecoder<ReviewEvent> decoder) {
    return new PipelineIo<>(KafkaPipelineIo.source(settings, settings.topics().labeled(), decoder),
        io.requests(), io.answers(), io.snapshots(), io.metrics(), io.deadLetters());
  }
}
