package io.streamnet.connect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.replay.ReplayProgress;
import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.connect.testing.SecureKafkaRegistry;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.connect.testing.TestKafkaSecurity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamnet replay} over the secured listeners of a real broker (SASL_SSL with SCRAM-SHA-512, and TLS with a
 * client certificate) into the real registry: the dataset arrives, the password comes from a file named in the
 * settings, and a wrong password or an untrusted broker certificate fails at once with a message naming the cause,
 * never a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureReplayIT {
  private static final int LIMIT = 300;
  /** A failure to log in or to trust the broker is known at the first connection: seconds, not the 15 s timeout. */
  private static final long FAIL_FAST_MS = 12_000;

  @TempDir
  Path tmp;

  SecureKafkaRegistry secure;
  LocalKafkaRegistryEnvironment env;
  TestKafkaSecurity security;

  @BeforeAll
  void start() {
    secure = SecureKafkaRegistry.start();
    env = secure.env();
    security = secure.security();
  }

  @AfterAll
  void stop() {
    if (secure != null) {
      secure.close();
    }
  }

  /** One run of the command: exit status, stdout, stderr, milliseconds. */
  record Result(int status, String out, String err, long millis) {
    String all() {
      return out + err;
    }
  }

  Result replay(String bootstrap, String topic, String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--dataset", "uci", "--limit", String.valueOf(LIMIT),
        "--request-fraction", "0.1", "--topic", topic, "--requests-topic", topic + ".requests", "--create-topics",
        "--bootstrap", bootstrap, "--registry", env.registryUrl(), "--quiet"));
    args.addAll(List.of(more));
    long t0 = System.nanoTime();
    int status = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ReplayProgress.silent()).run(args.toArray(String[]::new));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The settings as a client.properties file, the JAAS line (with {@code password}) in a file of its own. */
  Path producerConfig(String name, String password, Path trustStore) throws Exception {
    Path jaas = Files.writeString(tmp.resolve(name + ".jaas"), TestKafkaSecurity.jaas(TestKafkaSecurity.USER, password)
        + "\n");
    StringBuilder text = new StringBuilder();
    TestKafkaSecurity.saslSsl("file:" + jaas, trustStore).forEach((k, v) -> text.append(k).append('=')
        .append(v.replace("\\", "\\\\")).append('\n'));
    return Files.writeString(tmp.resolve(name + ".properties"), text.toString());
  }

  int recordsOn(String topic, int expected) {
    return TestKafka.consume(env.bootstrapServers(), topic, expected).size();
  }

  @Test
  void replaysOverSaslSslWithThePasswordReadFromAFile() throws Exception {
    Result r = replay(secure.saslSsl(), "sec.sasl",
        "--producer-config", producerConfig("good", TestKafkaSecurity.PASSWORD, security.trustStore()).toString());

    assertEquals(0, r.status(), r.all());
    assertTrue(r.out().contains("produced=" + LIMIT), r.out());
    int labeled = recordsOn("sec.sasl", 1);
    int requests = recordsOn("sec.sasl.requests", 1);
    assertEquals(LIMIT, labeled + requests, "every event on the two topics");
    assertTrue(requests > 0 && labeled > requests, labeled + " labeled, " + requests + " requests");
    secure.assertNoSecret(r.all());
  }

  @Test
  void replaysOverTlsWithAClientCertificate() {
    List<String> args = new ArrayList<>();
    security.mutualTls().forEach((k, v) -> args.addAll(List.of("--producer-property", k + "=" + v)));
    Result r = replay(secure.ssl(), "sec.mtls", args.toArray(String[]::new));

    assertEquals(0, r.status(), r.all());
    assertEquals(LIMIT, recordsOn("sec.mtls", 1) + recordsOn("sec.mtls.requests", 1));
  }

  @Test
  void aWrongPasswordFailsFastNamingTheRefusedLogin() throws Exception {
    String wrong = "Wrong-Pw-31f9a2";
    Result r = replay(secure.saslSsl(), "sec.wrongpw",
        "--producer-config", producerConfig("wrong", wrong, security.trustStore()).toString());

    assertEquals(1, r.status(), r.all());
    assertTrue(r.err().contains("refused the login") && r.err().contains("sasl.jaas.config"), r.err());
    assertTrue(r.err().contains("invalid credentials"), r.err());
    assertTrue(r.millis() < FAIL_FAST_MS, "failed after " + r.millis() + " ms");
    assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    secure.assertNoSecret(r.all(), wrong);
  }

  @Test
  void anUntrustedBrokerCertificateFailsFastNamingTheTrustStore() throws Exception {
    Result r = replay(secure.saslSsl(), "sec.untrusted",
        "--producer-config", producerConfig("untrusted", TestKafkaSecurity.PASSWORD,
            security.untrustedTrustStore()).toString());

    assertEquals(1, r.status(), r.all());
    assertTrue(r.err().contains("TLS handshake with Kafka at " + secure.saslSsl()
        + " failed: the broker's certificate is not trusted"), r.err());
    assertTrue(r.err().contains("ssl.truststore.location"), r.err());
    assertTrue(r.millis() < FAIL_FAST_MS, "failed after " + r.millis() + " ms");
    assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    secure.assertNoSecret(r.all());
  }

  @Test
  void aPasswordVariableThatIsNotSetIsNamed() {
    Map<String, String> props = TestKafkaSecurity.saslSsl("env:STREAMNET_IT_UNSET_JAAS", security.trustStore());
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.addAll(List.of("--producer-property", k + "=" + v)));
    Result r = replay(secure.saslSsl(), "sec.unset", args.toArray(String[]::new));

    assertEquals(1, r.status(), r.all());
    assertTrue(r.err().contains("sasl.jaas.config: environment variable STREAMNET_IT_UNSET_JAAS is not set"), r.err());
  }
}
