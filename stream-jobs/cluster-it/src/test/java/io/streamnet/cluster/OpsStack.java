package io.streamnet.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of {@code ops/}, each started and stopped by its own script as an operator would: the Kafka broker
 * ({@code ops/kafka.sh}), the schema registry ({@code ops/registry.sh}) and a Flink standalone cluster
 * ({@code ops/flink.sh}), on free ports of 127.0.0.1, with their pid files, logs, broker data and checkpoints in one
 * run directory.
 */
final class OpsStack implements AutoCloseable {
  private static final long SCRIPT_TIMEOUT_SECONDS = 300;
  private static final int LOG_TAIL_LINES = 40;

  final Path ops;
  final Path runDir;
  final int kafkaPort;
  final int registryPort;
  final int restPort;
  /** The first of the ten ports of Flink's Prometheus reporters (each process takes the first free one). */
  final int prometheusBase;
  private final Map<String, String> env = new HashMap<>();
  private final Thread stopOnExit = new Thread(this::stopQuietly, "ops-stack-stop");

  private OpsStack(Path ops, Path runDir, int[] ports) {
    this.ops = ops;
    this.runDir = runDir;
    this.kafkaPort = ports[0];
    this.registryPort = ports[2];
    this.restPort = ports[4];
    env.put("STREAMNET_RUN_DIR", runDir.toString());
    env.put("KAFKA_PORT", Integer.toString(ports[0]));
    env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
    env.put("REGISTRY_PORT", Integer.toString(ports[2]));
    env.put("FLINK_RPC_PORT", Integer.toString(ports[3]));
    env.put("FLINK_REST_PORT", Integer.toString(ports[4]));
    this.prometheusBase = freeRange(10);
    env.put("FLINK_PROMETHEUS_PORTS", prometheusBase + "-" + (prometheusBase + 9));
  }

  /**
   * A stack whose state goes to {@code runDir}, emptied first but for the classpaths the scripts resolved in an
   * earlier run (resolved again when a pom changed).
   */
  static OpsStack prepare(Path ops, Path runDir) {
    try {
      Files.createDirectories(runDir);
      try (Stream<Path> entries = Files.list(runDir)) {
        for (Path p : entries.filter(p -> !p.getFileName().toString().endsWith(".classpath")).toList()) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + runDir, e);
    }
    return new OpsStack(ops, runDir, freePorts(5));
  }

  /** Sets a setting of the scripts (e.g. FLINK_SLOTS) for every later call. */
  OpsStack with(String name, String value) {
    env.put(name, value);
    return this;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  String registryUrl() {
    return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
  }

  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /** The durable checkpoint storage the cluster is configured with. */
  Path checkpointDir() {
    return runDir.resolve("flink/checkpoints");
  }

  /**
   * Starts the broker, the registry and a Flink cluster with {@code taskManagers} TaskManagers, the three at once;
   * stops whatever started when one of them fails.
   */
  void start(int taskManagers) {
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    List<CompletableFuture<String>> starts = List.of(
        CompletableFuture.supplyAsync(() -> run("kafka.sh", "start")),
        CompletableFuture.supplyAsync(() -> run("registry.sh", "start")),
        CompletableFuture.supplyAsync(() -> run("flink.sh", "start", "--taskmanagers", Integer.toString(taskManagers))));
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException("the ops stack did not start: " + e.getMessage() + "\n" + logTails(), e);
    }
  }

  /** Runs {@code ops/<script> args...}; its output, or an error with that output when it exits non-zero. */
  String run(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", ops.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process p = builder.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
        try {
          return p.getInputStream().readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end within " + SCRIPT_TIMEOUT_SECONDS + " s");
      }
      String text = new String(out.join(), StandardCharsets.UTF_8);
      Files.writeString(runDir.resolve("ops-calls.log"), "$ " + String.join(" ", command) + "\n" + text,
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("ops/" + script + " " + String.join(" ", args) + " exited with "
            + p.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run ops/" + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running ops/" + script, e);
    }
  }

  /** The last lines of every process's log in the run directory, for a failure message. */
  String logTails() {
    StringBuilder s = new StringBuilder();
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> flink = Files.list(runDir.resolve("flink"))) {
      flink.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out")).sorted().forEach(logs::add);
    } catch (IOException noFlinkDirYet) {
      // nothing started
    }
    logs.add(runDir.resolve("kafka.log"));
    logs.add(runDir.resolve("registry.log"));
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        s.append("\n----- ").append(log).append(" (last ").append(Math.min(LOG_TAIL_LINES, lines.size()))
            .append(" of ").append(lines.size()).append(" lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
      } catch (IOException | UncheckedIOException e) {
        // not there or not text: skipped
      }
    }
    return s.toString();
  }

  /** Stops the Flink cluster, the broker and the registry, each even when another fails to stop. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // shutting down, or never added
    }
  }

  private void stopQuietly() {
    for (String script : List.of("flink.sh", "kafka.sh", "registry.sh")) {
      try {
        run(script, "stop");
      } catch (RuntimeException e) {
        System.err.println("could not stop " + script + ": " + e.getMessage());
      }
    }
  }

  /** The first of {@code n} consecutive ports that were all free a moment ago. */
  private static int freeRange(int n) {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + random.nextInt(30_000);
      boolean free = true;
      for (int p = base; p < base + n && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          free = s.getLocalPort() == p;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free ports");
  }

  private static int[] freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // released anyway
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
