package io.streamnet.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The edge scorer as its own JVM ({@code ServeCommand serve --config FILE}, this test's class path), as it runs in
 * production, so that it can be killed without a clean shutdown. Its console goes to a log file; its HTTP endpoints
 * are on a port chosen here.
 */
final class EdgeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;

  private EdgeProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts the edge scorer with the configuration {@code yaml}, in which {@code %HTTP_PORT%} is its HTTP port. */
  static EdgeProcess start(String yaml, Path dir) throws IOException {
    int port = freePort();
    Path config = Files.writeString(dir.resolve("edge.yaml"), yaml.replace("%HTTP_PORT%", String.valueOf(port)));
    Path log = dir.resolve("edge-process.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "--add-modules", "jdk.incubator.vector",
        "-Dlog4j2.configurationFile=log4j2-test.xml", "-cp", System.getProperty("java.class.path"),
        "io.streamnet.edge.cli.ServeCommand", "serve", "--config", config.toString()))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new EdgeProcess(p, port, log);
  }

  /** The value of the Prometheus sample {@code sample} (name and labels, as written), or -1 when unreachable. */
  double metric(String sample) {
    String body = get("/metrics");
    if (body == null) {
      return -1;
    }
    for (String line : body.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return -1;
  }

  /** Whether {@code /ready} answers 200: streams alive and a model of every task loaded. */
  boolean ready() {
    return get("/ready") != null;
  }

  /** SIGKILL: no shutdown hook runs, no transaction is committed or aborted, no group is left. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the edge process did not die within 30 s of SIGKILL");
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The last lines of its console, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private String get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
