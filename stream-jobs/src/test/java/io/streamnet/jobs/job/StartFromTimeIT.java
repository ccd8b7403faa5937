package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Kafka;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay from a time ({@code kafka.starting_offsets: <ISO-8601 instant>}) on a real broker, the real registry and a
 * MiniCluster: a job without a checkpoint learns exactly the labeled events written at or after that instant.
 */
class StartFromTimeIT {
  static final int BEFORE = 320;
  static final int AFTER = 288;

  @TempDir
  Path tmp;

  @Test
  void aJobWithoutACheckpointLearnsOnlyWhatWasWrittenFromItsStartingTime() throws Exception {
    List<LabeledText> uci = CanonicalOrder.apply(UciSentencesReader.read(
        DataLocator.fromEnvironment().locate(Dataset.UCI)), 42);
    try (LocalKafkaRegistryEnvironment env = LocalKafkaRegistryEnvironment.start()) {
      PipelineFixture fx = new PipelineFixture(env);
      fx.createTopics("replay.labeled", "replay.requests");
      fx.produce("replay.labeled", events(uci, 0, BEFORE), v -> ((ReviewEvent) v).getId().toString());
      Thread.sleep(50); // record timestamps are the producer's clock in milliseconds: keep the halves apart
      Instant from = Instant.now();
      Thread.sleep(50);
      fx.produce("replay.labeled", events(uci, BEFORE, AFTER), v -> ((ReviewEvent) v).getId().toString());

      Map<String, String> o = fx.jobSettings("replay", "replay.labeled", "replay.requests", tmp.resolve("cp"));
      o.put("kafka.starting_offsets", from.toString());
      JobConfig config = JobConfig.defaults().withOverrides(o);
      assertEquals(Kafka.StartingOffsets.TIMESTAMP, config.kafka().startingOffsets());
      assertEquals(from, config.kafka().startingTimestamp());

      StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(
          JobFactory.flinkConfiguration(config));
      FlinkTask<ReviewEvent, ?, ReviewEvent, Void, io.streamnet.schema.SentimentScore> task = JobFactory.sentiment(config);
      OnlineLearningJob.build(senv, JobFactory.plan(config, task),
          KafkaPipelineIo.create(JobFactory.kafka(config, true), task));
      senv.executeAsync(config.job().name()).getJobExecutionResult().get(5, TimeUnit.MINUTES);

      ModelSnapshot last = fx.finalSnapshot("replay.snapshots");
      assertEquals(AFTER, last.getMetrics().get("applied_events"), 0.0,
          "the events written from " + from + " on, and none before");
    }
  }

  private static List<ReviewEvent> events(List<LabeledText> texts, int from, int count) {
    List<ReviewEvent> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      LabeledText t = texts.get(i);
      out.add(PipelineFixture.review("uci-" + t.index(), t.text(), t.label()));
    }
    return out;
  }
}
