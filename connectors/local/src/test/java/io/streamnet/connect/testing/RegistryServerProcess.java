package io.streamnet.connect.testing;

import io.streamnet.connect.local.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real schema-registry server (Apicurio Registry in Confluent-compatible mode, built by {@code ops/schema-registry})
 * running as a child process on 127.0.0.1 and a free port, with in-memory storage.
 */
public final class RegistryServerProcess implements AutoCloseable {

    /** System property naming the runner jar; failsafe sets it. */
    public static final String JAR_PROPERTY = "streamnet.registry.jar";
    /** System property naming the directory for the server's log files (default: the temp directory). */
    public static final String LOG_DIR_PROPERTY = "streamnet.registry.logdir";
    static final String JAR_IN_REPO = "ops/schema-registry/target/streamnet-schema-registry-runner.jar";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServerProcess.class);
    /** The registry needs ~3 s alone and far longer on two busy cores. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path logFile;
    /** Kills the server if this JVM exits without {@link #close()} (a test run aborted half-way). */
    private final Thread killOnExit;

    private RegistryServerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-registry-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Launches the server from the jar named by {@link #JAR_PROPERTY} (or found in the repository). */
    public static RegistryServerProcess launch() {
        return launch(locateJar());
    }

    /** Launches the server without waiting for it; call {@link #awaitReady()} before use. */
    public static RegistryServerProcess launch(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Schema-registry server jar not found at " + jar.toAbsolutePath()
                    + "; build it with: mvn -pl ops/schema-registry package");
        }
        int port = FreePorts.pick();
        Path logFile = logDir().resolve("registry-" + port + ".log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // Small heap and the quick JIT tier: a test registry holds a few dozen schemas and should start fast.
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        try {
            Process process = builder.start();
            LOG.info("Schema registry launched: pid {}, port {}, log {}", process.pid(), port, logFile);
            return new RegistryServerProcess(process, port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch the schema-registry server from " + jar, e);
        }
    }

    /** Launches the server and waits until it answers; retries on another port if the chosen one was taken. */
    public static RegistryServerProcess start(Path jar) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            RegistryServerProcess server = launch(jar);
            try {
                server.awaitReady();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                if (!server.logContains("Address already in use") && !server.logContains("Port already bound")) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Waits until the Confluent API answers {@code GET /subjects} with 200, or fails naming the log file. */
    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long startedAt = System.nanoTime();
        long deadline = startedAt + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.info("Schema registry ready at {} in {} ms", url(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry at " + url(), e);
            }
            if (waitForExit(POLL_INTERVAL)) {
                throw new IllegalStateException("Schema-registry server exited with code " + process.exitValue()
                        + " before answering at " + url() + "; log " + logFile + ":\n" + logTail());
            }
        }
        throw new IllegalStateException("Schema-registry server did not answer at " + url() + " within "
                + READY_TIMEOUT + "; log " + logFile + ":\n" + logTail());
    }

    /** Base URL of the Confluent API. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server process in place (SIGSTOP): it keeps its port and its in-memory schemas, and every request
     * hangs until {@link #resume()}, as with a registry that stopped answering. The storage being in memory, a real
     * stop and start would lose the schemas.
     */
    public void pause() {
        signal("STOP");
        LOG.info("Schema registry on port {} paused (SIGSTOP)", port);
    }

    /** Lets a {@link #pause() paused} server go on (SIGCONT). */
    public void resume() {
        signal("CONT");
        LOG.info("Schema registry on port {} resumed (SIGCONT)", port);
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the registry", e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(10))) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        LOG.info("Schema registry on port {} stopped", port);
    }

    private boolean waitForExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    private boolean logContains(String text) {
        return logTail().contains(text);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The jar from {@link #JAR_PROPERTY}, else {@value #JAR_IN_REPO} in the working directory or a parent of it. */
    static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(JAR_IN_REPO);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Schema-registry server jar not found: set -D" + JAR_PROPERTY
                + "=<path to streamnet-schema-registry-runner.jar> or build it with: mvn -pl ops/schema-registry package");
    }

    private static Path logDir() {
        String configured = System.getProperty(LOG_DIR_PROPERTY);
        Path dir = Paths.get(configured != null && !configured.isBlank() ? configured
                : System.getProperty("java.io.tmpdir"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the registry log directory " + dir, e);
        }
    }
}
