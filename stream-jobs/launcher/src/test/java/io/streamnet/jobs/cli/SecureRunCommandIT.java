package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.replay.ProducerSettings;
import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.connect.replay.ReplayTopics;
import io.streamnet.connect.replay.Replayer;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.connect.testing.SecureKafkaRegistry;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.connect.testing.TestKafkaSecurity;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamnet run} over SASL_SSL (SCRAM-SHA-512) on a real broker, with the real registry: the job's password
 * and trust-store password are {@code file:} references in its {@code kafka.properties}. Exactly once (checkpoints and
 * answers), it creates its topics, learns from every labeled event, publishes snapshots and answers every request;
 * its inputs are produced and its outputs read over SASL_SSL as well. A wrong password and an untrusted broker
 * certificate each end the run at its start-up check, at once, with a message naming the cause; the password is in
 * no output and no log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureRunCommandIT {
  private static final long FAIL_FAST_MS = 20_000;

  @TempDir
  Path tmp;

  SecureKafkaRegistry secure;
  LocalKafkaRegistryEnvironment env;
  TestKafkaSecurity security;
  String secured;

  @BeforeAll
  void start() {
    secure = SecureKafkaRegistry.start();
    env = secure.env();
    security = secure.security();
    secured = secure.saslSsl();
  }

  @AfterAll
  void stop() {
    if (secure != null) {
      secure.close();
    }
  }

  /** A job file whose Kafka password (and trust-store password) are files holding them. */
  Path jobFile(String name, String password, Path trustStore) throws Exception {
    Path jaas = Files.writeString(tmp.resolve(name + ".jaas"), TestKafkaSecurity.jaas(TestKafkaSecurity.USER, password));
    Path storePass = Files.writeString(tmp.resolve(name + ".storepass"), TestKafkaSecurity.STORE_PASSWORD + "\n");
    return Files.writeString(tmp.resolve(name + ".yaml"), String.join("\n",
        "job: {name: secure-" + name + "}",
        "trainer: {max_wait_ms: 100}",
        "metrics: {interval_ms: 200}",
        "snapshots: {every_ms: 500}",
        "scorer: {delivery: exactly_once}",
        "checkpointing: {interval_ms: 500, mode: exactly_once, directory: '" + tmp.resolve(name + "-cp").toUri() + "'}",
        "kafka:",
        "  bootstrap_servers: '" + secured + "'",
        "  group_id: secure-" + name,
        "  transaction_id_prefix: secure-" + name,
        "  starting_offsets: earliest",
        "  properties:",
        "    security.protocol: SASL_SSL",
        "    sasl.mechanism: SCRAM-SHA-512",
        "    sasl.jaas.config: 'file:" + jaas + "'",
        "    ssl.truststore.location: '" + trustStore + "'",
        "    ssl.truststore.type: PKCS12",
        "    ssl.truststore.password: 'file:" + storePass + "'",
        "registry: {url: '" + env.registryUrl() + "'}", ""));
  }

  /** Client settings of the test's own producer and observer on the SASL_SSL listener. */
  Map<String, Object> clientProperties() {
    Map<String, Object> p = new HashMap<>(TestKafkaSecurity.saslSsl(
        TestKafkaSecurity.jaas(TestKafkaSecurity.USER, TestKafkaSecurity.PASSWORD), security.trustStore()));
    p.put("bootstrap.servers", secured);
    return p;
  }

  @Test
  void runsExactlyOnceOverSaslSslLearningPublishingAndAnsweringEverything() throws Exception {
    // The answers' schemas first: the test registry can stall when several sinks register at the same moment.
    SchemaRegistryClient registry = SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
    Map.of("sentiment.scores", SentimentScore.getClassSchema(), "streamnet.dlq", DeadLetter.getClassSchema(),
        "streamnet.metrics", TrainingMetrics.getClassSchema(), "model.snapshots", ModelSnapshot.getClassSchema())
        .forEach((topic, schema) -> registry.register(topic + "-value", schema));
    RunCommandIT.Run run = run(jobFile("ok", TestKafkaSecurity.PASSWORD, security.trustStore()), "--create-topics");

    DemoEvents events = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 400, 42, 0.1, 1, 0,
        System::currentTimeMillis);
    ReplayResult sent = replay(events, run);
    long labeled = sent.labeled();
    long requests = sent.requests();
    assertTrue(labeled > 300 && requests > 20, sent.summaryLine());
    try (OutputObserver<SentimentScore> committed = new OutputObserver<>("secure-it", clientProperties(),
        RegistryConfig.of(env.registryUrl()), new OutputObserver.Topics("sentiment.scores", "streamnet.metrics",
        "streamnet.dlq", null), new AnswerReader<>(SentimentScore.class, SentimentScore::getId), null, true)) {
      committed.start();
      RunCommandIT.await("every labeled event applied and every request answered, committed", run,
          () -> committed.observation().trainer("applied_events") == labeled
              && committed.observation().distinctScored() == requests);
      OutputObserver.Observation seen = committed.observation();
      assertEquals(requests, seen.scoreRecords(), "each request answered once (read_committed)");
      assertEquals(0, seen.deadLetters(), "no dead letters");
    }
    run.command().stopAndWait();
    assertEquals(130, run.status().get(60, TimeUnit.SECONDS), run.stderr());
    int snapshots = TestKafka.consume(env.bootstrapServers(), "model.snapshots", 1).size();
    assertTrue(snapshots >= 1, "snapshots published: " + snapshots);
    System.out.printf("secure run: %d labeled applied, %d requests answered, %d snapshots committed%n", labeled,
        requests, snapshots);
    secure.assertNoSecret(run.stderr());
  }

  @Test
  void aWrongPasswordEndsTheRunAtOnceNamingTheRefusedLogin() throws Exception {
    String wrong = "Wrong-Job-Pw-5e2c";
    RunCommandIT.Run run = run(jobFile("wrongpw", wrong, security.trustStore()));
    int status = run.status().get(60, TimeUnit.SECONDS);

    assertEquals(1, status, run.stderr());
    assertTrue(run.stderr().startsWith("streamnet run: error: Kafka at " + secured + " refused the login:"),
        run.stderr());
    assertTrue(run.stderr().contains("invalid credentials") && run.stderr().contains("sasl.jaas.config"), run.stderr());
    assertTrue(run.millis() < FAIL_FAST_MS, "ended after " + run.millis() + " ms");
    assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
    secure.assertNoSecret(run.stderr(), wrong);
  }

  @Test
  void anUntrustedBrokerCertificateEndsTheRunAtOnceNamingTheTrustStore() throws Exception {
    RunCommandIT.Run run = run(jobFile("untrusted", TestKafkaSecurity.PASSWORD, security.untrustedTrustStore()));
    int status = run.status().get(60, TimeUnit.SECONDS);

    assertEquals(1, status, run.stderr());
    assertTrue(run.stderr().startsWith("streamnet run: error: TLS handshake with Kafka at " + secured
        + " failed: the broker's certificate is not trusted"), run.stderr());
    assertTrue(run.stderr().contains("ssl.truststore.location"), run.stderr());
    assertTrue(run.millis() < FAIL_FAST_MS, "ended after " + run.millis() + " ms");
    assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
    secure.assertNoSecret(run.stderr());
  }

  @Test
  void aPasswordFileThatIsMissingIsAConfigurationErrorNamingTheSetting() throws Exception {
    Path file = jobFile("nofile", TestKafkaSecurity.PASSWORD, security.trustStore());
    Files.delete(tmp.resolve("nofile.jaas"));
    RunCommandIT.Run run = run(file);

    assertEquals(2, run.status().get(60, TimeUnit.SECONDS), run.stderr());
    assertTrue(run.stderr().contains("kafka.properties.sasl.jaas.config: cannot read " + tmp.resolve("nofile.jaas")),
        run.stderr());
  }

  /** {@code streamnet run --config FILE} on a thread of its own. */
  static RunCommandIT.Run run(Path config, String... more) {
    return RunCommandIT.Run.start(config.toString(), more);
  }

  /** Produces the events over SASL_SSL once the run has created its topics. */
  private ReplayResult replay(DemoEvents events, RunCommandIT.Run run) throws Exception {
    Map<String, String> security = new HashMap<>();
    clientProperties().forEach((k, v) -> security.put(k, v.toString()));
    try (Admin admin = Admin.create(clientProperties())) {
      RunCommandIT.await("the run creates its topics", run, () -> {
        try {
          return admin.listTopics().names().get().containsAll(List.of("sentiment.labeled", "sentiment.requests",
              "sentiment.scores", "streamnet.metrics", "model.snapshots"));
        } catch (Exception e) {
          return false;
        }
      });
    }
    RegistryConfig registry = RegistryConfig.of(env.registryUrl());
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        ProducerSettings.of(secured, "secure-run-it", security), new StringSerializer(),
        new AvroKafkaSerializer<>(SchemaRegistries.connect(registry), AvroSerdeConfig.of(registry), false))) {
      ReplayResult r = new Replayer(producer, new ReplayTopics("sentiment.labeled", "sentiment.requests"), 0,
          Replayer.DEFAULT_MAX_IN_FLIGHT, ReplayProgress.silent()).replay(events, 0);
      assertTrue(r.succeeded(), r.summaryLine());
      return r;
    }
  }
}
