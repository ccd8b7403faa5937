package io.streamnet.connect.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSecretsTest {
  private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"u\" password=\"p4ss\";";

  @Test
  void passwordSettingsReadTheirValueFromTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("jaas"), JAAS + "\n");
    Map<String, Object> out = KafkaClientSecrets.resolve(Map.of(
        "sasl.jaas.config", "file:" + file,
        "ssl.truststore.password", "env:TS_PASS",
        "producer.ssl.key.password", "env:TS_PASS",
        "ssl.truststore.location", "/etc/kafka/trust.p12"), n -> n.equals("TS_PASS") ? "changeit" : null);

    assertEquals(JAAS, out.get("sasl.jaas.config"), "the file's text without its final line break");
    assertEquals("changeit", out.get("ssl.truststore.password"));
    assertEquals("changeit", out.get("producer.ssl.key.password"), "a prefixed password setting (Kafka Streams)");
    assertEquals("/etc/kafka/trust.p12", out.get("ssl.truststore.location"));
  }

  @Test
  void otherSettingsAreTakenAsWritten() {
    Map<String, Object> out = KafkaClientSecrets.resolve(Map.of(
        "sasl.oauthbearer.token.endpoint.url", "file:/var/run/token", "client.id", "env:X"), n -> "resolved");

    assertEquals("file:/var/run/token", out.get("sasl.oauthbearer.token.endpoint.url"));
    assertEquals("env:X", out.get("client.id"));
  }

  @Test
  void aMissingVariableOrFileIsNamedWithItsSetting(@TempDir Path dir) {
    IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
        () -> KafkaClientSecrets.resolve(Map.of("sasl.jaas.config", "env:KAFKA_JAAS"), n -> null));
    assertEquals("sasl.jaas.config: environment variable KAFKA_JAAS is not set", env.getMessage());

    IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> KafkaClientSecrets.resolve(
        Map.of("ssl.keystore.password", "file:" + dir.resolve("nope")), n -> null));
    assertTrue(file.getMessage().startsWith("ssl.keystore.password: cannot read " + dir.resolve("nope")),
        file.getMessage());
  }

  @Test
  void anInlineSecretStaysAsItIsAndIsNeverInAnError() {
    assertEquals(JAAS, KafkaClientSecrets.resolve(Map.of("sasl.jaas.config", JAAS), n -> null).get("sasl.jaas.config"));
    assertTrue(KafkaClientSecrets.isPassword("sasl.jaas.config"));
    assertTrue(KafkaClientSecrets.isPassword("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"));
    assertFalse(KafkaClientSecrets.isPassword("sasl.mechanism"));
  }
}
