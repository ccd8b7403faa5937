package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void readsConfluentStyleProperties() {
    RegistryConfig c = RegistryConfig.fromProperties(Map.of(
        RegistryConfig.URL, "http://a:8081/apis/ccompat/v7/, http://b:8081/apis/ccompat/v7",
        RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        RegistryConfig.BASIC_AUTH_USER_INFO, "svc:pa:ss",
        RegistryConfig.MAX_RETRIES, "2",
        RegistryConfig.RETRIES_WAIT_MS, "50",
        RegistryConfig.RETRIES_MAX_WAIT_MS, "400",
        RegistryConfig.RETRIES_JITTER_SEED, "9",
        RegistryConfig.READ_TIMEOUT_MS, "1500",
        "bootstrap.servers", "ignored:9092"));

    assertEquals(List.of("http://a:8081/apis/ccompat/v7", "http://b:8081/apis/ccompat/v7"), c.urls());
    assertEquals(RegistryAuth.basic("svc", "pa:ss"), c.auth());
    assertEquals(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.5, 9L), c.retry());
    assertEquals(Duration.ofMillis(1500), c.requestTimeout());
    assertFalse(c.isMock());
  }

  @Test
  void credentialsCanComeFromTheUrl() {
    RegistryConfig c = RegistryConfig.fromProperties(Map.of(
        RegistryConfig.URL, "https://bob:pw@registry.example:443",
        RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

    assertEquals(RegistryAuth.basic("bob", "pw"), c.auth());
    assertEquals(List.of("https://registry.example:443"), c.urls(), "credentials do not stay in the URL");
  }

  @Test
  void bearerTokens() {
    RegistryConfig c = RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, "http://r:1",
        RegistryConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistryConfig.BEARER_AUTH_TOKEN, "t0k"));

    assertEquals(RegistryAuth.bearer("t0k"), c.auth());
    assertFalse(c.auth().toString().contains("t0k"), "secrets stay out of toString");
  }

  @Test
  void mockUrlsNameTheirScope() {
    RegistryConfig c = RegistryConfig.of("mock://demo");
    assertTrue(c.isMock());
    assertEquals("demo", c.mockScope());
    assertThrows(IllegalArgumentException.class, () -> RegistryConfig.of("mock://"));
    assertThrows(IllegalArgumentException.class, () -> RegistryConfig.of("mock://a,http://b:1"));
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
        () -> RegistryConfig.fromProperties(Map.of()));
    assertTrue(noUrl.getMessage().contains(RegistryConfig.URL), noUrl.getMessage());
    IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class, () -> RegistryConfig.of("localhost:8081"));
    assertTrue(badUrl.getMessage().contains("localhost:8081"), badUrl.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> RegistryConfig.fromProperties(Map.of(
        RegistryConfig.URL, "http://r:1",
        RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", RegistryConfig.BASIC_AUTH_USER_INFO, "a:b",
        RegistryConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistryConfig.BEARER_AUTH_TOKEN, "t")));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    IllegalArgumentException retries = assertThrows(IllegalArgumentException.class, () -> RegistryConfig.fromProperties(
        Map.of(RegistryConfig.URL, "http://r:1", RegistryConfig.MAX_RETRIES, "many")));
    assertTrue(retries.getMessage().contains(RegistryConfig.MAX_RETRIES), retries.getMessage());
  }

  @Test
  void survivesJavaSerializationForFlink() throws Exception {
    RegistryConfig c = RegistryConfig.of("http://r:1").withAuth(RegistryAuth.bearer("x"))
        .withTls(TlsSettings.trustStore("/tmp/t.p12", "p")).withRetry(RetryPolicy.DEFAULT.withSeed(1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(c, in.readObject());
    }
  }
}
