package io.streamnet.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOptionsTest {
  @TempDir
  Path tmp;

  @Test
  void readsConfigOverridesCheckpointAndTopics() throws Exception {
    Path config = Files.writeString(tmp.resolve("job.yaml"), "{}\n");
    RunOptions o = RunOptions.parse(new String[] {"--config", config.toString(), "--set",
        "kafka.bootstrap_servers=k1:9092,k2:9092", "--set", "kafka.properties.security.protocol=SSL",
        "--from-checkpoint", "file:///ck/job/chk-7", "--create-topics"}).options();
    assertEquals(config, o.config());
    assertEquals(Map.of("kafka.bootstrap_servers", "k1:9092,k2:9092", "kafka.properties.security.protocol", "SSL"),
        o.overrides());
    assertEquals("file:///ck/job/chk-7", o.restoreFrom());
    assertTrue(o.createTopics());
  }

  @Test
  void onlyTheConfigIsRequired() throws Exception {
    Path config = Files.writeString(tmp.resolve("job.yaml"), "{}\n");
    RunOptions o = RunOptions.parse(new String[] {"--config", config.toString()}).options();
    assertEquals(Map.of(), o.overrides());
    assertNull(o.restoreFrom());
    assertFalse(o.createTopics());
  }

  @Test
  void errorsNameTheOption() {
    assertEquals("--config FILE is required: the job configuration (YAML)", message());
    assertEquals("--config " + tmp.resolve("none.yaml") + ": no such file",
        message("--config", tmp.resolve("none.yaml").toString()));
    assertEquals("--config " + tmp + ": no such file", message("--config", tmp.toString()));
    assertEquals("unknown option '--bootstrap'", message("--bootstrap", "x:1"));
    assertEquals("--from-checkpoint needs a value", message("--from-checkpoint"));
    assertEquals("--set needs KEY=VALUE, got 'novalue'", message("--set", "novalue"));
  }

  @Test
  void helpAndPrintConfigNeedNoConfig() throws UsageException {
    assertTrue(RunOptions.parse(new String[] {"--help"}).help());
    RunOptions.Parsed print = RunOptions.parse(new String[] {"--print-config"});
    assertEquals("sentiment", print.printConfig());
    assertEquals("recommendation",
        RunOptions.parse(new String[] {"--print-config", "recommendation"}).printConfig());
    UsageException e = assertThrows(UsageException.class,
        () -> RunOptions.parse(new String[] {"--print-config", "ranking"}));
    assertTrue(e.getMessage().contains("'ranking'"), e.getMessage());
    assertNull(print.options());
  }

  private static String message(String... args) {
    return assertThrows(UsageException.class, () -> RunOptions.parse(args)).getMessage();
  }

  @Test
  void resumeIsAFlagThatExcludesAnExplicitCheckpoint() throws Exception {
    java.nio.file.Path config = java.nio.file.Files.createTempFile("job", ".yaml");
    assertTrue(RunOptions.parse(new String[] {"--config", config.toString(), "--resume"}).options().resume());
    UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(new String[] {"--config",
        config.toString(), "--resume", "--from-checkpoint", "/tmp/x"}));
    assertTrue(e.getMessage().contains("give one"), e.getMessage());
  }
}
