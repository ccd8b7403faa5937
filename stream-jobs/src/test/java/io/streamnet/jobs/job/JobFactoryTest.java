package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.model.SnapshotFiles;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.state.ModelStateCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFactoryTest {

  @Test
  void warmStartFromAModelFileRestoresTheWholeTrainerState(@TempDir Path dir) throws Exception {
    JobConfig base = JobConfig.defaults();
    Network trained = Network.build(base.model().network());
    Batch b = trained.newBatch();
    b.start(2);
    b.sparse(base.model().inputName()).addExample(new int[] {1, 2, 3}, 0, 3);
    b.sparse(base.model().inputName()).addExample(new int[] {4, 5}, 0, 2);
    b.targets().set(0, 1f);
    b.targets().set(1, 0f);
    trained.trainBatch(b);
    org.apache.flink.core.fs.Path file = new SnapshotFiles(dir.toUri().toString(), 3)
        .write(new ModelVersion(2, 9), 7, ModelStateCodec.encode(trained));

    JobConfig config = base.withOverrides(Map.of("warm_start.from", file.toUri().toString()));
    Network started = ModelStateCodec.decode(initialState(config));
    assertArrayEquals(ModelStateCodec.encode(trained), ModelStateCodec.encode(started),
        "weights, optimizer slots and step as in the file");

    JobConfig latest = base.withOverrides(Map.of("warm_start.from", "latest_file",
        "snapshots.directory", dir.toUri().toString()));
    Network fromLatest = ModelStateCodec.decode(initialState(latest));
    assertArrayEquals(SnapshotPayload.full(trained), SnapshotPayload.full(fromLatest));
  }

  @Test
  void aPartialWarmStartTakesTheNamedLayersFromAModelOfAnotherSpecAndTheRestFresh(@TempDir Path dir) throws Exception {
    JobConfig base = JobConfig.defaults();
    String jobSpec = base.model().network().toJson();
    String otherHead = jobSpec.replaceFirst("\"units\" ?: ?64", "\"units\": 32");
    assertNotEquals(jobSpec, otherHead, "the source's hidden layer is of another size");
    Network source = Network.build(NetworkSpec.fromJson(otherHead));
    Batch b = source.newBatch();
    b.start(1);
    b.sparse(base.model().inputName()).addExample(new int[] {1, 2, 3}, 0, 3);
    b.targets().set(0, 1f);
    source.trainBatch(b);
    Path file = dir.resolve("pretrained.snnm");   // as streamnet prequential --save-model writes it
    Files.write(file, ModelStateCodec.encode(source));

    JobConfig config = base.withOverrides(Map.of("warm_start.from", file.toUri().toString(),
        "warm_start.layers", "emb"));
    Network started = ModelStateCodec.decode(initialState(config));
    Network fresh = Network.build(base.model().network());
    assertArrayEquals(source.layer("emb").params().get(0).value(), started.layer("emb").params().get(0).value(),
        "emb from the file");
    for (String fromSpec : new String[] {"hidden", "out"}) {
      for (int i = 0; i < fresh.layer(fromSpec).params().size(); i++) {
        assertArrayEquals(fresh.layer(fromSpec).params().get(i).value(),
            started.layer(fromSpec).params().get(i).value(), fromSpec + " fresh from the job's spec and seed");
      }
    }
    assertEquals(0, started.optimizer().steps(), "the optimizer starts afresh");

    JobConfig wrongShape = base.withOverrides(Map.of("warm_start.from", file.toUri().toString(),
        "warm_start.layers", "emb,hidden"));
    Exception e = assertThrows(RuntimeException.class, () -> initialState(wrongShape));
    assertEquals("warm_start.layers[1]: layer 'hidden': parameter 'hidden.weight' has shape [16, 64] in this network"
        + " but [16, 32] in " + file.toUri().toString().replace("file:///", "file:/") + " (leave the layer out of warm_start.layers to initialize it fresh)",
        e.getMessage());
  }

  @Test
  void aWholeWarmStartAlsoReadsAModelStateFile(@TempDir Path dir) throws Exception {
    JobConfig base = JobConfig.defaults();
    Network saved = Network.build(base.model().network());
    Path file = dir.resolve("saved.snnm");
    Files.write(file, ModelStateCodec.encode(saved));
    JobConfig config = base.withOverrides(Map.of("warm_start.from", file.toUri().toString()));
    assertArrayEquals(ModelStateCodec.encode(saved), initialState(config));
  }

  @Test
  void aMissingWarmStartFileIsAnErrorNamingIt(@TempDir Path dir) {
    String missing = dir.resolve("nope.snn").toUri().toString();
    JobConfig config = JobConfig.defaults().withOverrides(Map.of("warm_start.from", missing));
    Exception e = assertThrows(RuntimeException.class, () -> initialState(config));
    assertTrue(e.getMessage().contains("nope.snn"), e.getMessage());
  }

  @Test
  void flinkSettingsFollowTheConfiguration() {
    JobConfig config = JobConfig.defaults().withOverrides(Map.of("checkpointing.interval_ms", "1234",
        "checkpointing.directory", "file:///tmp/cp", "restart.strategy", "fixed_delay", "restart.attempts", "4"));
    Configuration f = JobFactory.flinkConfiguration(config);
    assertEquals(Duration.ofMillis(1234), f.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    assertEquals("file:///tmp/cp", f.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals("fixed-delay", f.get(RestartStrategyOptions.RESTART_STRATEGY));
    assertEquals(4, f.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS));
    var kafka = JobFactory.kafka(config, false);
    assertEquals(config.topics().labeled(), kafka.topics().labeled());
    assertEquals(org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE, kafka.guarantee());
  }

  @Test
  void answersAreAtLeastOnceByDefaultExactlyOnceOnRequestAndNeverStrongerThanTheCheckpoints() {
    var alo = org.apache.flink.connector.base.DeliveryGuarantee.AT_LEAST_ONCE;
    var eo = org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE;
    assertEquals(alo, KafkaPipelineIo.answersGuarantee(JobFactory.kafka(JobConfig.defaults(), false)));
    JobConfig exactly = JobConfig.defaults().withOverrides(Map.of("scorer.delivery", "exactly_once"));
    assertEquals(eo, KafkaPipelineIo.answersGuarantee(JobFactory.kafka(exactly, false)));
    JobConfig weakCheckpoints = exactly.withOverrides(Map.of("checkpointing.mode", "at_least_once"));
    assertEquals(alo, KafkaPipelineIo.answersGuarantee(JobFactory.kafka(weakCheckpoints, false)));
    assertEquals(eo, JobFactory.kafka(JobConfig.defaults(), false).guarantee(), "the other sinks stay exactly-once");
  }

  /** The model state the configured trainer starts from. */
  static byte[] initialState(JobConfig config) {
    var plan = JobFactory.plan(config);
    return plan.trainer().initialModel().modelState(plan.task().task());
  }
}
