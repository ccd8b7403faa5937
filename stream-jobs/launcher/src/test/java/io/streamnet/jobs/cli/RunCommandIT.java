package io.streamnet.jobs.cli;

import io.streamnet.jobs.run.RunCommand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.streamnet.connect.local.EmbeddedKafkaBroker;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.connect.replay.ReplayTopics;
import io.streamnet.connect.replay.Replayer;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamnet run} against a real (embedded) broker: it creates the topics, learns from what arrives, is
 * stopped as Ctrl-C stops it, names the checkpoint it retained, and a second run with {@code --resume} finds that
 * checkpoint and resumes from it with the applied events of the first; no secret of its configuration appears in
 * its output or the log (no event is applied again: nothing new was sent).
 */
class RunCommandIT {
  private static final String REGISTRY = "mock://run-command-it";
  private static final Duration DEADLINE = Duration.ofSeconds(180);
  private static final String KAFKA_SECRET = "S3cr3t-kafka-key-pass";
  private static final String SIGNING_SECRET = java.util.Base64.getEncoder().encodeToString(
      "a signing key of thirty-two bytes".getBytes(StandardCharsets.UTF_8));
  private static final Pattern RESUME = Pattern.compile("resume with --resume \\(or --from-checkpoint (\\S+)\\)");

  @TempDir
  Path tmp;

  @Test
  void runsUntilStoppedAndResumesFromTheRetainedCheckpoint() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Path config = Files.writeString(tmp.resolve("job.yaml"), String.join("\n",
          "trainer: {max_wait_ms: 100}",
          "metrics: {interval_ms: 200}",
          "checkpointing: {interval_ms: 500, directory: '" + tmp.resolve("checkpoints").toUri() + "'}",
          "kafka: {bootstrap_servers: '" + broker.bootstrapServers() + "', starting_offsets: earliest,"
              // a secret that must never reach a log line or the command's output
              + " properties: {ssl.key.password: '" + KAFKA_SECRET + "'}}",
          "registry: {url: '" + REGISTRY + "'}",
          "snapshots: {signing: {key_id: it, key: 'base64:" + SIGNING_SECRET + "'}}", ""));

      Run first = Run.start(config.toString(), "--create-topics");
      long labeled = replay(broker.bootstrapServers());
      try (OutputObserver<SentimentScore> committed = observer(broker)) {
        committed.start();
        await("the first run applies every labeled event", first,
            () -> committed.observation().trainer("applied_events") == labeled);
        TrainingMetrics firstRun = committed.observation().lastTrainer();
        String resumeFrom = first.stop();

        // --resume finds it: the newest complete checkpoint under checkpointing.directory.
        Run second = Run.start(config.toString(), "--resume");
        // A new epoch, restored from the checkpoint: the applied events are there, none applied twice.
        await("the resumed run reports", second, () -> {
          TrainingMetrics m = committed.observation().lastTrainer();
          return m.getModelEpoch() > firstRun.getModelEpoch();
        });
        assertTrue(second.stderr().contains("--resume: the newest checkpoint is " + resumeFrom), second.stderr());
        assertEquals(labeled, (long) committed.observation().trainer("applied_events"));
        assertTrue(committed.observation().lastTrainer().getModelVersion() >= firstRun.getModelVersion(),
            "versions never go back");
        second.stop();

        // Without a checkpoint to resume from, a run starts from the newest published version (warm_start: latest).
        int logged = testLog().length();
        Run third = Run.start(config.toString());
        await("the third run warm-starts from the topic", third, () -> uncheckedTestLog().substring(logged)
            .contains("warm start: model 'sentiment' from model.snapshots version"));
        third.command().stopAndWait();
        assertEquals(130, third.status().get(30, TimeUnit.SECONDS), third.stderr());
        for (String out : new String[] {first.stderr(), second.stderr(), third.stderr(), testLog()}) {
          assertFalse(out.contains(KAFKA_SECRET) || out.contains(SIGNING_SECRET), "a secret in the output or the log");
        }
      }
    }
  }

  /** What this test JVM logged so far (log4j2-test.xml). */
  private static String testLog() throws java.io.IOException {
    Path log = Path.of("target/test-logs/tests.log");
    assertTrue(Files.isRegularFile(log), "the test log at " + log.toAbsolutePath());
    return Files.readString(log);
  }

  private static String uncheckedTestLog() {
    try {
      return testLog();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One {@code streamnet run} on a thread of its own. */
  record Run(RunCommand command, CompletableFuture<Integer> status, ByteArrayOutputStream err, long startedAt) {
    static Run start(String config, String... more) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
      RunCommand command = new RunCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          errStream);
      String[] args = new String[2 + more.length];
      args[0] = "--config";
      args[1] = config;
      System.arraycopy(more, 0, args, 2, more.length);
      long startedAt = System.nanoTime();
      CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> command.run(args));
      return new Run(command, status, err, startedAt);
    }

    /** Stops it as Ctrl-C does; returns the checkpoint it says to resume from. */
    String stop() throws Exception {
      command.stopAndWait();
      assertEquals(130, status.get(30, TimeUnit.SECONDS), "exit status of a stopped run; stderr:\n" + stderr());
      Matcher m = RESUME.matcher(stderr());
      assertTrue(m.find(), "names the retained checkpoint:\n" + stderr());
      Path checkpoint = Path.of(m.group(1));
      assertTrue(Files.isRegularFile(checkpoint.resolve("_metadata")), checkpoint + " holds a checkpoint");
      return checkpoint.toString();
    }

    String stderr() {
      return err.toString(StandardCharsets.UTF_8);
    }

    /** Milliseconds since the start. */
    long millis() {
      return (System.nanoTime() - startedAt) / 1_000_000;
    }
  }

  static void await(String what, Run run, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (run.status().isDone()) {
        fail(what + ": the run ended with " + run.status().join() + "; stderr:\n" + run.stderr());
      }
      if (System.nanoTime() > deadline) {
        fail(what + ": not within " + DEADLINE.toSeconds() + " s; stderr:\n" + run.stderr());
      }
      Thread.sleep(100);
    }
  }

  /** Sends the first 300 UCI sentences (10% as requests) once the topics exist; returns the labeled count. */
  private long replay(String bootstrap) throws Exception {
    RegistryConfig registry = RegistryConfig.of(REGISTRY);
    DemoEvents events = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 300, 42, 0.1, 1, 0,
        System::currentTimeMillis);
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        ProducerSettings.of(bootstrap, "run-command-it", Map.of()), new StringSerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(registry), AvroSerdeConfig.of(registry), false))) {
      awaitTopics(bootstrap);
      ReplayResult r = new Replayer(producer, new ReplayTopics("sentiment.labeled", "sentiment.requests"), 0,
          Replayer.DEFAULT_MAX_IN_FLIGHT, ReplayProgress.silent()).replay(events, 0);
      assertTrue(r.succeeded(), r.summaryLine());
      return r.labeled();
    }
  }

  /** The run creates the topics; the replay waits for them rather than auto-creating them. */
  private static void awaitTopics(String bootstrap) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (!admin.listTopics().names().get().containsAll(java.util.List.of("sentiment.labeled",
          "sentiment.requests", "sentiment.scores", "streamnet.metrics"))) {
        if (System.nanoTime() > deadline) {
          fail("the run did not create the topics");
        }
        Thread.sleep(100);
      }
    }
  }

  private static OutputObserver<SentimentScore> observer(EmbeddedKafkaBroker broker) {
    return new OutputObserver<>("run-it", Map.of("bootstrap.servers", broker.bootstrapServers()),
        RegistryConfig.of(REGISTRY), new OutputObserver.Topics("sentiment.scores", "streamnet.metrics",
        "streamnet.dlq", null), new AnswerReader<>(SentimentScore.class, SentimentScore::getId), null, true);
  }
}
