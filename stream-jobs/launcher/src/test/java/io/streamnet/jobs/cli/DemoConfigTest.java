package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.config.ConfigException;
import io.streamnet.jobs.config.Job;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Kafka;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {
  @TempDir
  Path tmp;

  @Test
  void demoSettingsGoOverTheDefaultsAndTheDemoOwnsBrokerRegistryAndCheckpoints() throws UsageException {
    JobConfig c = DemoConfig.resolve(null, Map.of(), tmp.resolve("ck"), Job.SENTIMENT);
    assertEquals(200, c.trainer().maxWaitMs());
    assertEquals(250, c.metrics().intervalMs());
    assertEquals(500, c.trainer().prequential().aucWindow());
    assertEquals(5000, c.checkpointing().intervalMs());
    assertEquals(1000, c.checkpointing().minPauseMs());
    assertEquals(Kafka.StartingOffsets.EARLIEST, c.kafka().startingOffsets());
    assertEquals(DemoConfig.REGISTRY_URL, c.registry().url());
    assertEquals(tmp.resolve("ck").toUri().toString(), c.checkpointing().directory());

    JobConfig running = DemoConfig.withBroker(c, "127.0.0.1:40001");
    assertEquals("127.0.0.1:40001", running.kafka().bootstrapServers());
    assertEquals(200, running.trainer().maxWaitMs());
  }

  @Test
  void setOverridesGoOverTheDemoSettingsAndTheFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("job.yaml"), "trainer:\n  batch_size: 16\nmetrics:\n  interval_ms: 5000\n");
    JobConfig c = DemoConfig.resolve(file, Map.of("trainer.max_wait_ms", "50"), tmp, Job.SENTIMENT);
    assertEquals(16, c.trainer().batchSize());
    assertEquals(250, c.metrics().intervalMs(), "the demo's cadence over the file's");
    assertEquals(50, c.trainer().maxWaitMs(), "--set over the demo's settings");
  }

  @Test
  void theDemosOwnKeysCannotBeSet() {
    UsageException e = assertThrows(UsageException.class,
        () -> DemoConfig.resolve(null, Map.of("kafka.bootstrap_servers", "other:9092"), tmp, Job.SENTIMENT));
    assertTrue(e.getMessage().startsWith("--set kafka.bootstrap_servers: the demo sets it itself"), e.getMessage());
  }

  @Test
  void aBadOverrideNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> DemoConfig.resolve(null, Map.of("trainer.batch_size", "0"), tmp, Job.SENTIMENT));
    assertEquals("trainer.batch_size", e.key());
    assertEquals("--set", e.source());
  }

  @Test
  void movielensGetsTheRecommendationDefaultsWithTheirFeedbackLoopAndOneScorer() throws UsageException {
    JobConfig c = DemoConfig.resolve(null, Map.of(), tmp, Job.RECOMMENDATION);
    assertEquals(Job.RECOMMENDATION, c.job().task());
    assertTrue(c.model().recommendation());
    assertEquals(10, c.model().recommender().topK());
    assertEquals("reco.interactions", c.topics().labeled());
    assertTrue(c.feedback().enabled(), "the delayed-feedback loop as configured by default");
    assertEquals(1, c.scorer().parallelism(), "one scorer: the MiniCluster has one slot");
    assertEquals(200, c.trainer().maxWaitMs());
  }

  @Test
  void theTaskFollowsTheDatasetAndAFileOfTheOtherTaskIsRefused() throws Exception {
    UsageException set = assertThrows(UsageException.class,
        () -> DemoConfig.resolve(null, Map.of("job.task", "recommendation"), tmp, Job.SENTIMENT));
    assertTrue(set.getMessage().startsWith("--set job.task: the dataset chooses the task"), set.getMessage());
    Path file = Files.writeString(tmp.resolve("job.yaml"), "trainer:\n  batch_size: 16\n");
    UsageException other = assertThrows(UsageException.class,
        () -> DemoConfig.resolve(file, Map.of(), tmp, Job.RECOMMENDATION));
    assertEquals("--config " + file + " is a sentiment job, and the dataset needs the recommendation task",
        other.getMessage());
    UsageException scorers = assertThrows(UsageException.class,
        () -> DemoConfig.resolve(null, Map.of("scorer.parallelism", "2"), tmp, Job.RECOMMENDATION));
    assertTrue(scorers.getMessage().startsWith("--set scorer.parallelism: the demo runs one scorer"),
        scorers.getMessage());
  }

  /** The demo's configuration for MovieLens. */
  static JobConfig movielens() {
    try {
      return DemoConfig.resolve(null, Map.of(), Path.of("checkpoints"), Job.RECOMMENDATION);
    } catch (UsageException e) {
      throw new AssertionError(e);
    }
  }
}
