package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryStub.Response;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an HTTPS stub whose self-signed certificate is made by the JDK's keytool. */
class RegistryTlsTest {

  private static final String PASSWORD = "changeit";

  @TempDir
  static Path dir;
  private static Path serverStore;
  private static Path trustStore;
  private static RegistryStub stub;
  private static RegistryStub mutualStub;

  @BeforeAll
  static void startHttpsStub() throws Exception {
    serverStore = dir.resolve("server.p12");
    trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", serverStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(serverStore.toFile())) {
      ks.load(in, PASSWORD.toCharArray());
    }
    // The client's trust store holds only the server's (self-signed) certificate.
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("registry-ca", ks.getCertificate("registry"));
    try (FileOutputStream out = new FileOutputStream(trustStore.toFile())) {
      trust.store(out, PASSWORD.toCharArray());
    }

    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    stub = RegistryStub.https(context, false).answer(r -> Response.json("[\"secure\"]"));
    // Mutual TLS: the server also asks for a client certificate and trusts the same self-signed one.
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext mutual = SSLContext.getInstance("TLS");
    mutual.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    mutualStub = RegistryStub.https(mutual, true).answer(r -> Response.json("[\"mutual\"]"));
  }

  @AfterAll
  static void stop() {
    if (stub != null) {
      stub.close();
    }
    if (mutualStub != null) {
      mutualStub.close();
    }
  }

  @Test
  void trustsTheRegistryThroughTheConfiguredTrustStore() {
    RegistryConfig config = RegistryConfig.fromProperties(Map.of(
        RegistryConfig.URL, stub.url(""),
        RegistryConfig.TRUSTSTORE_LOCATION, trustStore.toString(),
        RegistryConfig.TRUSTSTORE_PASSWORD, PASSWORD,
        RegistryConfig.TRUSTSTORE_TYPE, "PKCS12"));

    assertEquals(List.of("secure"), new RestSchemaRegistryClient(config, new RecordingSleeper()).subjects());
  }

  @Test
  void anUntrustedCertificateFailsAtOnceWithATlsError() {
    RecordingSleeper sleeper = new RecordingSleeper();
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryConfig.of(stub.url("")), sleeper);

    RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class, client::subjects);

    assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
    assertTrue(e.getMessage().contains(stub.url("")), e.getMessage());
    assertEquals(List.of(), sleeper.waits(), "a TLS failure is not retried");
  }

  @Test
  void presentsTheClientCertificateFromTheKeyStore() {
    TlsSettings trustOnly = TlsSettings.trustStore(trustStore.toString(), PASSWORD);
    TlsSettings withKey = trustOnly.withKeyStore(serverStore.toString(), PASSWORD, "PKCS12", PASSWORD);
    RegistryConfig noCertificate = RegistryConfig.of(mutualStub.url("")).withTls(trustOnly).withRetry(RetryPolicy.NONE);

    assertEquals(List.of("mutual"),
        new RestSchemaRegistryClient(noCertificate.withTls(withKey), new RecordingSleeper()).subjects());
    // Without a client certificate the server ends the handshake; how the JDK reports that varies (alert or reset).
    assertThrows(SchemaRegistryException.class,
        () -> new RestSchemaRegistryClient(noCertificate, new RecordingSleeper()).subjects());
  }

  @Test
  void aMissingTrustStoreIsNamed() {
    RegistryConfig config = RegistryConfig.of(stub.url(""))
        .withTls(TlsSettings.trustStore(dir.resolve("nope.p12").toString(), PASSWORD));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RestSchemaRegistryClient(config, new RecordingSleeper()));

    assertTrue(e.getMessage().contains("nope.p12"), e.getMessage());
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> command = new java.util.ArrayList<>(List.of(keytool));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
