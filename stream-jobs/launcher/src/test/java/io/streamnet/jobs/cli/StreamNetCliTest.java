package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command dispatch and its error paths; the demo itself runs in DemoCommandIT. */
class StreamNetCliTest {
  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return StreamNetCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private String firstErrLine() {
    return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  @Test
  void helpAndNoCommandPrintTheCommands() {
    assertEquals(0, run("help"));
    assertEquals(0, run());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo   the online learner end to end"));
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertEquals(2, run("train"));
    assertEquals("streamnet: unknown command 'train'", firstErrLine());
  }

  @Test
  void commandHelpGoesToStdout() {
    assertEquals(0, run("demo", "--help"));
    assertEquals(0, run("run", "--help"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("usage: streamnet demo"));
    assertTrue(text.contains("usage: streamnet run"));
  }

  @Test
  void aBadDemoOptionIsOneLineAndExitTwo() {
    assertEquals(2, run("demo", "--rate", "-5"));
    assertEquals("streamnet demo: --rate must be between 0 and 10000000, got -5 (streamnet demo --help lists the"
        + " options)", firstErrLine());
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void aBadDemoSettingNamesTheKeyAndExitsTwoBeforeStartingAnything() {
    assertEquals(2, run("demo", "--set", "trainer.batch_size=0"));
    // The configuration's own wording follows source and key.
    assertTrue(firstErrLine().startsWith("streamnet demo: --set: trainer.batch_size: "), firstErrLine());
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void printConfigGivesTheDefaultsWhichRunReadsBack() throws Exception {
    assertEquals(0, run("run", "--print-config"));
    Path file = Files.writeString(tmp.resolve("job.yaml"), out.toString(StandardCharsets.UTF_8));
    assertEquals(io.streamnet.jobs.config.JobConfig.defaults(), io.streamnet.jobs.config.JobConfig.load(file));
  }

  @Test
  void runNeedsAConfig() {
    assertEquals(2, run("run"));
    assertEquals("streamnet run: --config FILE is required: the job configuration (YAML) (streamnet run --help lists"
        + " the options)", firstErrLine());
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void aBadConfigFileNamesFileAndKeyAndExitsTwo() throws Exception {
    Path file = Files.writeString(tmp.resolve("job.yaml"), "snapshots:\n  every_ms: -5\n");
    assertEquals(2, run("run", "--config", file.toString()));
    assertTrue(firstErrLine().startsWith("streamnet run: " + file + ": snapshots.every_ms: "), firstErrLine());
    assertTrue(firstErrLine().endsWith("-5"), firstErrLine());
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void anUnreachableKafkaFailsWithOneLineNamingIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("job.yaml"), "kafka:\n  bootstrap_servers: 127.0.0.1:1\n");
    assertEquals(1, run("run", "--config", file.toString(), "--set", "kafka.properties.request.timeout.ms=1000",
        "--set", "kafka.properties.default.api.timeout.ms=2000"));
    assertTrue(firstErrLine().startsWith("streamnet run: error: no Kafka broker answered at 127.0.0.1:1"),
        firstErrLine());
  }
}
