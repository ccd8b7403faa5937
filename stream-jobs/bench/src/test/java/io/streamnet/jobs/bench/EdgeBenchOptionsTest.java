package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnet.nn.cli.UsageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeBenchOptionsTest {
  @Test
  void defaultsMeasureBothTasksAtTheEdgesDefaultAndAShortCommitInterval() throws Exception {
    EdgeBenchOptions o = EdgeBenchOptions.parse(new String[0]);
    assertEquals(3, o.rounds());
    assertEquals(1, o.warmupRounds());
    assertEquals(List.of(BenchOptions.Task.SENTIMENT, BenchOptions.Task.RECOMMENDATION), o.tasks());
    assertEquals(List.of(100, 10), o.commitIntervals());
    assertEquals(1_000, o.catalogue());
    assertEquals(Duration.ofSeconds(30), o.window());
  }

  @Test
  void readsEveryOption() throws Exception {
    EdgeBenchOptions o = EdgeBenchOptions.parse(new String[] {"5", "--tasks", "recommendation", "--commit-intervals",
        "10,100,10", "--sentiment-rate", "1500", "--reco-rate", "250", "--catalogue", "10k", "--sentiment-burst",
        "1000", "--reco-burst", "500", "--warmup-rounds", "0", "--warmup", "3", "--window", "4", "--drain", "5"});
    assertEquals(5, o.rounds());
    assertEquals(List.of(BenchOptions.Task.RECOMMENDATION), o.tasks());
    assertEquals(List.of(10, 100), o.commitIntervals());
    assertEquals(1_500, o.sentimentRate());
    assertEquals(250, o.recoRate());
    assertEquals(10_000, o.catalogue());
    assertEquals(1_000, o.sentimentBurst());
    assertEquals(500, o.recoBurst());
    assertEquals(0, o.warmupRounds());
    assertEquals(Duration.ofSeconds(3), o.warmup());
    assertEquals(Duration.ofSeconds(4), o.window());
    assertEquals(Duration.ofSeconds(5), o.drain());
  }

  @Test
  void refusesWhatItCannotRun() throws Exception {
    assertNull(EdgeBenchOptions.parse(new String[] {"--help"}));
    assertThrows(UsageException.class, () -> EdgeBenchOptions.parse(new String[] {"--commit-intervals", "0"}));
    assertThrows(UsageException.class, () -> EdgeBenchOptions.parse(new String[] {"--commit-intervals", "x"}));
    assertThrows(UsageException.class, () -> EdgeBenchOptions.parse(new String[] {"--catalogue", "1k,10k"}));
    assertThrows(UsageException.class, () -> EdgeBenchOptions.parse(new String[] {"--tasks", "vision"}));
    assertThrows(UsageException.class, () -> EdgeBenchOptions.parse(new String[] {"--burst", "3"}));
  }
}
