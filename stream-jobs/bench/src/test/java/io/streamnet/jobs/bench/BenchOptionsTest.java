package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.cli.UsageException;
import io.streamnet.nn.data.Dataset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void defaults() throws Exception {
    BenchOptions o = BenchOptions.parse(new String[0]);
    assertEquals(3, o.rounds());
    assertEquals(1, o.warmupRounds());
    assertEquals(List.of(Dataset.SST2, Dataset.IMDB), o.datasets());
    assertTrue(o.training() && o.scoring());
    assertEquals(2_000, o.requestRate());
    assertEquals(1_000, o.labeledRate());
    assertEquals(Duration.ofSeconds(60), o.window());
    assertFalse(o.imdbOnly());
    assertTrue(BenchOptions.parse(new String[] {"--labeled", "imdb"}).imdbOnly());
    assertFalse(BenchOptions.parse(new String[] {"--labeled", "imdb-sst2"}).imdbOnly());
  }

  @Test
  void roundsAsTheFirstArgumentAndOptions() throws Exception {
    BenchOptions o = BenchOptions.parse(new String[] {"5", "--warmup-rounds", "0", "--datasets", "imdb", "--phases",
        "scoring",
        "--request-rate", "500", "--window", "30", "--set", "checkpointing.interval_ms=1000"});
    assertEquals(5, o.rounds());
    assertEquals(0, o.warmupRounds());
    assertEquals(List.of(Dataset.IMDB), o.datasets());
    assertFalse(o.training());
    assertTrue(o.scoring());
    assertEquals(500, o.requestRate());
    assertEquals(Duration.ofSeconds(30), o.window());
    assertEquals(Map.of("checkpointing.interval_ms", "1000"), o.overrides());
  }

  @Test
  void aBrokerOfItsOwnProcessIsGivenByItsAddress() throws Exception {
    assertEquals(null, BenchOptions.parse(new String[0]).bootstrap());
    assertEquals("127.0.0.1:9092", BenchOptions.parse(new String[] {"--bootstrap", "127.0.0.1:9092"}).bootstrap());
    assertEquals("a:1,b:2", BenchOptions.parse(new String[] {"--bootstrap", "a:1,b:2"}).bootstrap());
    assertEquals("--bootstrap needs HOST:PORT[,HOST:PORT...], got 'localhost'", assertThrows(UsageException.class,
        () -> BenchOptions.parse(new String[] {"--bootstrap", "localhost"})).getMessage());
  }

  @Test
  void theRecommendationTaskHasItsOwnDefaultsAndOptions() throws Exception {
    BenchOptions o = BenchOptions.parse(new String[] {"--task", "recommendation"});
    assertEquals(BenchOptions.Task.RECOMMENDATION, o.task());
    assertEquals(500, o.requestRate());
    assertEquals(List.of(1_000, 10_000, 100_000), o.catalogues());
    assertEquals(BenchOptions.Task.SENTIMENT, BenchOptions.parse(new String[0]).task());
    assertEquals(List.of(10_000, 1_000), BenchOptions.parse(new String[] {"--task", "recommendation", "--catalogues",
        "10k,1000,10k"}).catalogues());
    assertEquals(800, BenchOptions.parse(new String[] {"--request-rate", "800", "--task", "recommendation"})
        .requestRate(), "a rate given wins, whatever the order");
    assertEquals("--datasets: for --task sentiment only", assertThrows(UsageException.class, () ->
        BenchOptions.parse(new String[] {"--task", "recommendation", "--datasets", "imdb"})).getMessage());
    assertEquals("--catalogues: for --task recommendation only", assertThrows(UsageException.class, () ->
        BenchOptions.parse(new String[] {"--catalogues", "1k"})).getMessage());
    assertEquals("--catalogues: each must be 1k, 10k or 100k, got '5k'", assertThrows(UsageException.class, () ->
        BenchOptions.parse(new String[] {"--task", "recommendation", "--catalogues", "5k"})).getMessage());
    assertEquals("--task: sentiment or recommendation, got 'reco'", assertThrows(UsageException.class, () ->
        BenchOptions.parse(new String[] {"--task", "reco"})).getMessage());
  }

  @Test
  void helpIsNull() throws Exception {
    assertNull(BenchOptions.parse(new String[] {"--help"}));
  }

  @Test
  void badInputIsAUsageErrorNamingTheOption() {
    assertEquals("--datasets: each must be sst2 or imdb, got 'uci'",
        assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--datasets", "uci"})).getMessage());
    assertTrue(assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--rounds", "0"}))
        .getMessage().startsWith("--rounds"));
    assertTrue(assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"x"}))
        .getMessage().startsWith("ROUNDS"));
    assertEquals("unknown option '--fast'",
        assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--fast"})).getMessage());
    assertEquals("--labeled: imdb-sst2 or imdb, got 'sst2'",
        assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--labeled", "sst2"})).getMessage());
    assertEquals("--set needs KEY=VALUE, got 'a'",
        assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--set", "a"})).getMessage());
  }
}
