package io.streamnet.connect.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.BrokerSecurity;

/**
 * A test class's secured environment: the local broker with its SASL_SSL and SSL listeners
 * ({@link TestKafkaSecurity}), the real registry, and the log captured from start to close, so that tests can show
 * that no secret reaches an output or the log.
 */
public final class SecureKafkaRegistry implements AutoCloseable {
  private final LocalKafkaRegistryEnvironment env;
  private final TestKafkaSecurity security;
  private final LogCapture log;

  private SecureKafkaRegistry(LocalKafkaRegistryEnvironment env, TestKafkaSecurity security, LogCapture log) {
    this.env = env;
    this.security = security;
    this.log = log;
  }

  public static SecureKafkaRegistry start() {
    TestKafkaSecurity security = TestKafkaSecurity.get();
    LocalKafkaRegistryEnvironment env = LocalKafkaRegistryEnvironment.start(security.brokerSecurity());
    return new SecureKafkaRegistry(env, security, LogCapture.start());
  }

  /** The environment; its {@code bootstrapServers()} is the PLAINTEXT listener, for the tests' own set-up. */
  public LocalKafkaRegistryEnvironment env() {
    return env;
  }

  public TestKafkaSecurity security() {
    return security;
  }

  /** {@code host:port} of the SASL_SSL listener. */
  public String saslSsl() {
    return env.broker().bootstrapServers(BrokerSecurity.SASL_SSL);
  }

  /** {@code host:port} of the SSL listener (client certificates). */
  public String ssl() {
    return env.broker().bootstrapServers(BrokerSecurity.SSL);
  }

  /** What was logged since the start. */
  public String log() {
    return log.text();
  }

  /**
   * Neither {@link TestKafkaSecurity#PASSWORD} nor {@code more} secrets in {@code output} or in the log so far, and
   * the log did capture clients' settings (so that its silence means something).
   */
  public void assertNoSecret(String output, String... more) {
    String logged = log.text();
    assertTrue(logged.contains("sasl.jaas.config = [hidden]"), "the capture sees the clients' settings");
    for (String secret : concat(TestKafkaSecurity.PASSWORD, more)) {
      assertFalse(output.contains(secret), "a secret in the output:\n" + output);
      assertFalse(logged.contains(secret), "a secret in the log");
    }
  }

  private static String[] concat(String first, String[] more) {
    String[] all = new String[more.length + 1];
    all[0] = first;
    System.arraycopy(more, 0, all, 1, more.length);
    return all;
  }

  @Override
  public void close() {
    try {
      log.close();
    } finally {
      env.close();
    }
  }
}
