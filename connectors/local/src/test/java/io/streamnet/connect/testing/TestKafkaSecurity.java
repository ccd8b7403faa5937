package io.streamnet.connect.testing;

import io.streamnet.connect.local.BrokerSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * TLS material and SCRAM users for a secured {@link io.streamnet.connect.local.EmbeddedKafkaBroker}, made once per
 * test JVM by the JDK's {@code keytool} in a temporary directory: a test CA, the broker's certificate signed by it
 * (SAN 127.0.0.1 and localhost), a client certificate signed by it (for the SSL listener's client authentication),
 * a trust store holding the CA, and the trust store of another CA that signed nothing here (an untrusted broker).
 */
public final class TestKafkaSecurity {
  /** The SCRAM-SHA-512 user of the tests. */
  public static final String USER = "streamnet-it";
  /** Its password: distinctive, so that a test can look for it in output and logs. */
  public static final String PASSWORD = "Scram-Pw-8c41e07d";
  /** The password of every store made here (a test artifact, not a secret worth hiding). */
  public static final String STORE_PASSWORD = "test-store-pass";

  private static TestKafkaSecurity instance;

  private final Path dir;

  private TestKafkaSecurity(Path dir) {
    this.dir = dir;
  }

  /** The material of this JVM, made on first use (a few seconds of keytool). */
  public static synchronized TestKafkaSecurity get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("streamnet-tls-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-test-tls"));
        make(dir);
        instance = new TestKafkaSecurity(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("could not make the test TLS material", e);
      }
    }
    return instance;
  }

  /** The broker's listeners: SASL_SSL with {@link #USER}, and SSL accepting client certificates of the test CA. */
  public BrokerSecurity brokerSecurity() {
    return new BrokerSecurity(dir.resolve("broker.p12"), STORE_PASSWORD, trustStore(), Map.of(USER, PASSWORD));
  }

  /** Holds the test CA's certificate. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** Holds another CA's certificate, which signed nothing the broker presents. */
  public Path untrustedTrustStore() {
    return dir.resolve("other-truststore.p12");
  }

  /** The client's key and certificate (signed by the test CA), for the SSL listener. */
  public Path clientKeyStore() {
    return dir.resolve("client.p12");
  }

  /** The JAAS line of a SCRAM login. */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  /**
   * Client settings for the SASL_SSL listener: {@code jaasConfig} as the {@code sasl.jaas.config} value (a JAAS line
   * or a reference such as {@code file:PATH}), trusting {@code trustStore}.
   */
  public static Map<String, String> saslSsl(String jaasConfig, Path trustStore) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", BrokerSecurity.SCRAM_MECHANISM);
    p.put("sasl.jaas.config", jaasConfig);
    p.put("ssl.truststore.location", trustStore.toString());
    p.put("ssl.truststore.password", STORE_PASSWORD);
    p.put("ssl.truststore.type", "PKCS12");
    return p;
  }

  /** Client settings for the SSL listener, presenting the test client certificate. */
  public Map<String, String> mutualTls() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SSL");
    p.put("ssl.truststore.location", trustStore().toString());
    p.put("ssl.truststore.password", STORE_PASSWORD);
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.keystore.location", clientKeyStore().toString());
    p.put("ssl.keystore.password", STORE_PASSWORD);
    p.put("ssl.key.password", STORE_PASSWORD);
    p.put("ssl.keystore.type", "PKCS12");
    return p;
  }

  private static void make(Path dir) {
    // Keys first (independent: in parallel), then signing requests, then the CA signs them.
    parallel(
        List.of("-genkeypair", "-alias", "ca", "-dname", "CN=StreamNet test CA", "-ext", "bc:c",
            "-keystore", dir.resolve("ca.p12").toString()),
        List.of("-genkeypair", "-alias", "ca", "-dname", "CN=Some other CA", "-ext", "bc:c",
            "-keystore", dir.resolve("other-ca.p12").toString()),
        List.of("-genkeypair", "-alias", "key", "-dname", "CN=localhost", "-keystore", dir.resolve("broker.p12").toString()),
        List.of("-genkeypair", "-alias", "key", "-dname", "CN=" + USER, "-keystore", dir.resolve("client.p12").toString()));
    parallel(
        List.of("-certreq", "-alias", "key", "-keystore", dir.resolve("broker.p12").toString(),
            "-file", dir.resolve("broker.csr").toString()),
        List.of("-certreq", "-alias", "key", "-keystore", dir.resolve("client.p12").toString(),
            "-file", dir.resolve("client.csr").toString()));
    parallel(
        List.of("-gencert", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(), "-rfc",
            "-infile", dir.resolve("broker.csr").toString(), "-outfile", dir.resolve("broker.pem").toString(),
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth,clientAuth"),
        List.of("-gencert", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(), "-rfc",
            "-infile", dir.resolve("client.csr").toString(), "-outfile", dir.resolve("client.pem").toString(),
            "-ext", "EKU=clientAuth"));
    try {
      Certificate ca = load(dir.resolve("ca.p12")).getCertificate("ca");
      trustStoreOf(ca, dir.resolve("truststore.p12"));
      trustStoreOf(load(dir.resolve("other-ca.p12")).getCertificate("ca"), dir.resolve("other-truststore.p12"));
      chain(dir.resolve("broker.p12"), dir.resolve("broker.pem"), ca);
      chain(dir.resolve("client.p12"), dir.resolve("client.pem"), ca);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not assemble the test key and trust stores in " + dir, e);
    }
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, STORE_PASSWORD.toCharArray());
    }
    return ks;
  }

  private static void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, STORE_PASSWORD.toCharArray());
    }
  }

  private static void trustStoreOf(Certificate ca, Path file) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    store(trust, file);
  }

  /** Replaces the self-signed certificate of {@code keyStore}'s key by the CA-signed one and the CA's. */
  private static void chain(Path keyStore, Path signed, Certificate ca) throws IOException, GeneralSecurityException {
    KeyStore ks = load(keyStore);
    Key key = ks.getKey("key", STORE_PASSWORD.toCharArray());
    Certificate cert;
    try (InputStream in = Files.newInputStream(signed)) {
      cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    ks.setKeyEntry("key", key, STORE_PASSWORD.toCharArray(), new Certificate[] {cert, ca});
    store(ks, keyStore);
  }

  @SafeVarargs
  private static void parallel(List<String>... commands) {
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (List<String> c : commands) {
      runs.add(CompletableFuture.runAsync(() -> keytool(c)));
    }
    runs.forEach(CompletableFuture::join);
  }

  private static void keytool(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(args);
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
    if (args.get(0).equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-keypass", STORE_PASSWORD));
    } else if (args.get(0).equals("-gencert")) {
      command.addAll(List.of("-validity", "2"));
    }
    try {
      // keytool starts a JVM: the quick JIT tier is enough for a few signatures.
      command.add(1, "-J-XX:TieredStopAtLevel=1");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left behind at worst
    }
  }
}
