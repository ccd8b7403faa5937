package io.streamnet.edge.cli;

import io.streamnet.edge.EdgeScorerApp;
import io.streamnet.edge.config.EdgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./streamnet serve --config FILE}: the edge scorer until Ctrl-C (or SIGTERM), which closes it cleanly.
 * Exit codes: 0 after a clean stop, 1 when it cannot start against the cluster (unreachable, input topics missing),
 * 2 for a usage or configuration error.
 */
public final class ServeCommand {
  private ServeCommand() {}

  static final String USAGE = """
      usage: ./streamnet serve --config FILE
        scores sentiment and recommendation requests with the newest model on the snapshots topic, in a Kafka
        Streams application (exactly once); HTTP endpoints /models /metrics /health /ready.
        FILE: YAML, every key described in ops/edge/edge.yaml""";

  /** The jar's logging, unless -Dlog4j2.configurationFile says otherwise. */
  static final String LOG_CONFIG = "streamnet-edge-log4j2.xml";

  public static void main(String[] args) throws Exception {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "serve" -> { }
        case "--config" -> {
          if (i + 1 >= args.length) {
            fail("--config needs a file");
          }
          config = Path.of(args[++i]);
        }
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> fail("unknown option '" + args[i] + "'");
      }
    }
    if (config == null) {
      fail("--config FILE is required");
    }
    if (!Files.isRegularFile(config)) {
      fail("no configuration file at " + config.toAbsolutePath());
    }
    EdgeConfig parsed;
    try {
      parsed = EdgeConfig.read(config);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    EdgeScorerApp app;
    try {
      app = EdgeScorerApp.start(parsed);
    } catch (IllegalStateException e) { // the cluster is unreachable or lacks the input topics: say so, no trace
      System.err.println("streamnet serve: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "streamnet-edge-shutdown"));
    stopped.await();
  }

  private static void fail(String message) {
    System.err.println("streamnet serve: " + message);
    System.err.println(USAGE);
    System.exit(2);
  }
}
