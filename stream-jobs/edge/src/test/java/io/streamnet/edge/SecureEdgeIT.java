package io.streamnet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.SecureKafkaRegistry;
import io.streamnet.connect.testing.TestKafkaSecurity;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge scorer over SASL_SSL (SCRAM-SHA-512) on a real broker, with the real registry: its password is a
 * {@code file:} reference in {@code kafka.properties}; it follows the snapshots topic and answers every request, once
 * (exactly_once_v2). A wrong password and an untrusted broker certificate each fail its start at once, with a message
 * naming the cause and no stream thread left behind; the password is in no message and no log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureEdgeIT {
  static final String SNAPSHOTS = "sec.snapshots";
  static final String REQUESTS = "sec.requests";
  static final String SCORES = "sec.scores";
  static final String DLQ = "sec.dlq";
  static final int N = 60;
  static final long FAIL_FAST_MS = 20_000;

  @TempDir
  Path tmp;

  SecureKafkaRegistry secure;
  EdgeItFixture fx;

  @BeforeAll
  void start() {
    secure = SecureKafkaRegistry.start();
    fx = new EdgeItFixture(secure.env());
    fx.createSnapshotTopic(SNAPSHOTS);
    fx.createTopics(1, REQUESTS, SCORES, DLQ);
    fx.registerValueSchemas(Map.of(SCORES, SentimentScore.getClassSchema(), DLQ, DeadLetter.getClassSchema()));
  }

  @AfterAll
  void stop() {
    if (secure != null) {
      secure.close();
    }
  }

  /** The edge's configuration on the SASL_SSL listener, the JAAS line with {@code password} in a file. */
  EdgeConfig config(String app, String password, Path trustStore) throws Exception {
    Path jaas = Files.writeString(tmp.resolve(app + ".jaas"), TestKafkaSecurity.jaas(TestKafkaSecurity.USER, password));
    StringBuilder props = new StringBuilder();
    TestKafkaSecurity.saslSsl("file:" + jaas, trustStore).forEach((k, v) ->
        props.append("    ").append(k).append(": '").append(v).append("'\n"));
    return EdgeConfig.parse("""
        app: {application_id: %s, state_dir: '%s', http_port: -1}
        kafka:
          bootstrap_servers: '%s'
          properties:
        %s
        registry: {url: '%s'}
        topics: {snapshots: %s, dead_letters: %s}
        tasks: {sentiment: {model_id: sent, requests: %s, answers: %s}}
        """.formatted(app, tmp.resolve(app + "-state"), secure.saslSsl(), props, secure.env().registryUrl(), SNAPSHOTS,
        DLQ, REQUESTS, SCORES), app + ".yaml");
  }

  @Test
  void servesOverSaslSslFollowingTheSnapshotsAndAnsweringEveryRequestOnce() throws Exception {
    SentimentTask task = EdgeFixtures.sentiment();
    byte[] v1 = SnapshotPayload.full(task.newLearner(null).content());
    fx.produce(SNAPSHOTS, List.of(EdgeFixtures.full(task, "sent", new ModelVersion(1, 1), v1)), v -> "sent");
    List<ReviewEvent> requests = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      requests.add(new ReviewEvent("r" + i, i % 2 == 0 ? "a fine film" : "dull and long", null,
          Instant.ofEpochMilli(i), null));
    }
    try (EdgeScorerApp app = EdgeScorerApp.start(config("secure-edge", TestKafkaSecurity.PASSWORD,
        secure.security().trustStore()))) {
      fx.produce(REQUESTS, requests, v -> ((ReviewEvent) v).getId().toString());
      EdgeItFixture.await(N + " committed answers", () -> fx.readCommitted(SCORES, SentimentScore.class).size() >= N,
          () -> fx.readCommitted(SCORES, SentimentScore.class).size() + " so far", Duration.ofMillis(500),
          Duration.ofSeconds(180));
      List<SentimentScore> scores = fx.readCommitted(SCORES, SentimentScore.class);
      assertEquals(N, scores.size(), "each request answered once");
      assertEquals(N, scores.stream().map(s -> s.getId().toString()).distinct().count());
      assertTrue(scores.stream().allMatch(s -> s.getModelVersion() == 1 && "sent".equals(s.getModelId().toString())),
          "answered by the version on the snapshots topic");
      assertEquals(List.of(), fx.readCommitted(DLQ, DeadLetter.class), "no dead letters");
    }
    secure.assertNoSecret("");
  }

  @Test
  void aWrongPasswordFailsTheStartAtOnceNamingTheRefusedLogin() throws Exception {
    String wrong = "Wrong-Edge-Pw-77d1";
    EdgeConfig config = config("edge-wrongpw", wrong, secure.security().trustStore());
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EdgeScorerApp.start(config));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertTrue(e.getMessage().startsWith("Kafka at " + secure.saslSsl() + " refused the login:"), e.getMessage());
    assertTrue(e.getMessage().contains("sasl.jaas.config"), e.getMessage());
    assertTrue(ms < FAIL_FAST_MS, "failed after " + ms + " ms");
    assertNoThreadsOf("edge-wrongpw");
    secure.assertNoSecret(e.getMessage() + config, wrong);
  }

  @Test
  void anUntrustedBrokerCertificateFailsTheStartAtOnceNamingTheTrustStore() throws Exception {
    EdgeConfig config = config("edge-untrusted", TestKafkaSecurity.PASSWORD, secure.security().untrustedTrustStore());
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EdgeScorerApp.start(config));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertTrue(e.getMessage().startsWith("TLS handshake with Kafka at " + secure.saslSsl()
        + " failed: the broker's certificate is not trusted"), e.getMessage());
    assertTrue(ms < FAIL_FAST_MS, "failed after " + ms + " ms");
    assertNoThreadsOf("edge-untrusted");
    secure.assertNoSecret(e.getMessage());
  }

  @Test
  void aPasswordFileThatIsMissingIsAConfigurationErrorNamingTheSetting() throws Exception {
    String yaml = "kafka: {properties: {sasl.jaas.config: 'file:" + tmp.resolve("none.jaas") + "'}}\n"
        + "tasks: {sentiment: {}}\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse(yaml, "e.yaml"));
    assertTrue(e.getMessage().startsWith("e.yaml: kafka.properties.sasl.jaas.config: cannot read "
        + tmp.resolve("none.jaas")), e.getMessage());
  }

  /**
   * Kafka Streams names its threads after the application id; none may outlive a failed start. Its close() returns
   * once the state is NOT_RUNNING, which its CloseThread sets just before it ends (a CI run saw that thread still
   * alive right after the start failed): a thread still there after a few seconds is a leak.
   */
  static void assertNoThreadsOf(String applicationId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> left = threadsOf(applicationId);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = threadsOf(applicationId);
    }
    assertEquals(List.of(), left, "threads of the failed application still running 5 s after the failed start");
  }

  private static List<String> threadsOf(String applicationId) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith(applicationId)).toList();
  }
}
