package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoOptionsTest {
  @TempDir
  Path tmp;

  @Test
  void noOptionsGiveTheDefaults() throws UsageException {
    DemoOptions o = DemoOptions.parse(new String[0]);
    assertEquals(DemoOptions.DatasetSelection.DEFAULT, o.datasets());
    assertNull(o.data());
    assertEquals(0, o.limit());
    assertEquals(42, o.seed());
    assertEquals(1_000, o.rate());
    assertEquals(0.1, o.requestFraction());
    assertEquals(20_000, o.warmupEvents());
    assertEquals(Path.of("demo-report"), o.report());
    assertEquals(Duration.ofSeconds(120), o.timeout());
    assertNull(o.config());
    assertEquals(Map.of(), o.overrides());
  }

  @Test
  void everyOptionIsRead() throws Exception {
    Path config = Files.writeString(tmp.resolve("job.yaml"), "trainer: {batch_size: 16}\n");
    DemoOptions o = DemoOptions.parse(new String[] {"--dataset", "IMDB", "--data", tmp.toString(), "--limit", "500",
        "--seed", "-7", "--rate", "250.5", "--request-fraction", "0.25", "--warmup", "0", "--report", "out/r", "--timeout", "30",
        "--config", config.toString(), "--set", "trainer.batch_size=64", "--set", "snapshots.every_ms = 500"});
    assertEquals(DemoOptions.DatasetSelection.IMDB, o.datasets());
    assertEquals(tmp, o.data());
    assertEquals(500, o.limit());
    assertEquals(-7, o.seed());
    assertEquals(250.5, o.rate());
    assertEquals(0.25, o.requestFraction());
    assertEquals(0, o.warmupEvents());
    assertEquals(Path.of("out/r"), o.report());
    assertEquals(Duration.ofSeconds(30), o.timeout());
    assertEquals(config, o.config());
    assertEquals(Map.of("trainer.batch_size", "64", "snapshots.every_ms", "500"), o.overrides());
  }

  @Test
  void aRepeatedSetKeepsTheLastValue() throws UsageException {
    DemoOptions o = DemoOptions.parse(new String[] {"--set", "a.b=1", "--set", "c=2", "--set", "a.b=3"});
    assertEquals(List.of("c", "a.b"), List.copyOf(o.overrides().keySet()));
    assertEquals("3", o.overrides().get("a.b"));
  }

  @Test
  void datasetChoicesAreTheFiveNamesAndMovielensIsTheRecommendationTask() throws UsageException {
    assertEquals(DemoOptions.DatasetSelection.UCI, DemoOptions.parse(new String[] {"--dataset", "uci"}).datasets());
    assertEquals(DemoOptions.DatasetSelection.SST2, DemoOptions.parse(new String[] {"--dataset", "sst2"}).datasets());
    assertEquals(DemoOptions.DatasetSelection.ALL, DemoOptions.parse(new String[] {"--dataset", "all"}).datasets());
    DemoOptions.DatasetSelection movielens = DemoOptions.parse(new String[] {"--dataset", "movielens"}).datasets();
    assertEquals(DemoOptions.DatasetSelection.MOVIELENS, movielens);
    assertEquals("recommendation", movielens.task());
    assertEquals("sentiment", DemoOptions.DatasetSelection.DEFAULT.task());
    assertMessage("--dataset must be uci, imdb, sst2, all or movielens, got 'ml-1m'", "--dataset", "ml-1m");
    assertTrue(DemoOptions.USAGE.contains("movielens"), "--help lists movielens");
  }

  @Test
  void helpGivesNull() throws UsageException {
    assertNull(DemoOptions.parse(new String[] {"--rate", "5", "--help"}));
    assertNull(DemoOptions.parse(new String[] {"-h"}));
  }

  @Test
  void badValuesNameTheOption() throws Exception {
    assertMessage("unknown option '--bogus'", "--bogus");
    assertMessage("--limit needs a value", "--limit");
    assertMessage("--limit must be between 1 and 2147483647, got 0", "--limit", "0");
    assertMessage("--rate must be a number, got 'fast'", "--rate", "fast");
    assertMessage("--rate must be between 0 and 10000000, got -1", "--rate", "-1");
    assertMessage("--request-fraction must be above 0 and below 1, got 0", "--request-fraction", "0");
    assertMessage("--request-fraction must be above 0 and below 1, got 1.0", "--request-fraction", "1.0");
    assertMessage("--timeout must be between 1 and 86400, got 0", "--timeout", "0");
    assertMessage("--set needs KEY=VALUE, got 'trainer.batch_size'", "--set", "trainer.batch_size");
    assertMessage("--set needs KEY=VALUE, got '=5'", "--set", "=5");
    Path missing = tmp.resolve("nope");
    assertMessage("--data " + missing + ": no such file or directory", "--data", missing.toString());
    assertMessage("--config " + missing + ": no such file", "--config", missing.toString());
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertMessage("--data " + file + " is not a directory", "--data", file.toString());
    assertMessage("--report " + file + " exists and is not a directory", "--report", file.toString());
  }

  private static void assertMessage(String expected, String... args) {
    UsageException e = assertThrows(UsageException.class, () -> DemoOptions.parse(args));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void usageListsEveryOption() {
    for (String option : List.of("--dataset", "--data", "--limit", "--seed", "--rate", "--request-fraction",
        "--report", "--timeout", "--config", "--set")) {
      assertTrue(DemoOptions.USAGE.contains("  " + option + " "), option);
    }
  }
}
