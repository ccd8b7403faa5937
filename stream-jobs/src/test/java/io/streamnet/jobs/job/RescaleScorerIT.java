package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescaling the scorer through a savepoint (ops/RUNBOOK.md, "Rescale") on a real broker, the real registry and a
 * MiniCluster: a job stopped with a savepoint at one scorer instance resumes from it with two, keeps its model and
 * offsets, and answers every request once (read_committed) while it learns every labeled event once.
 */
class RescaleScorerIT {
  static final int FIRST = 640;
  static final int SECOND = 320;
  static final int REQUESTS = 100;

  @TempDir
  Path tmp;

  @Test
  void aScorerRescaledFromASavepointAnswersEveryRequestOnceAndTheModelGoesOn() throws Exception {
    List<LabeledText> uci = CanonicalOrder.apply(UciSentencesReader.read(
        DataLocator.fromEnvironment().locate(Dataset.UCI)), 42);
    try (LocalKafkaRegistryEnvironment env = LocalKafkaRegistryEnvironment.start()) {
      PipelineFixture fx = new PipelineFixture(env);
      fx.createTopics("rescale.labeled", "rescale.requests");
      Map<String, String> o = fx.jobSettings("rescale", "rescale.labeled", "rescale.requests", tmp.resolve("cp"));
      o.put("scorer.delivery", "exactly_once");

      fx.produce("rescale.labeled", labeled(uci, 0, FIRST), v -> ((ReviewEvent) v).getId().toString());
      JobClient one = start(JobConfig.defaults().withOverrides(with(o, "scorer.parallelism", "1")), null);
      PipelineFixture.await("the first events learned", () -> applied(fx) == FIRST);
      fx.produce("rescale.requests", requests(uci, 0), v -> ((ReviewEvent) v).getId().toString());
      PipelineFixture.await("the first requests answered", () -> answers(fx).size() == REQUESTS);
      String savepoint = one.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
          SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
      List<ModelSnapshot> ofOne = fx.readAll("rescale.snapshots", ModelSnapshot.class);
      ModelSnapshot lastOfOne = ofOne.get(ofOne.size() - 1);

      JobClient two = start(JobConfig.defaults().withOverrides(with(o, "scorer.parallelism", "2")), savepoint);
      try {
        fx.produce("rescale.labeled", labeled(uci, FIRST, SECOND), v -> ((ReviewEvent) v).getId().toString());
        fx.produce("rescale.requests", requests(uci, REQUESTS), v -> ((ReviewEvent) v).getId().toString());
        PipelineFixture.await("every event learned", () -> applied(fx) == FIRST + SECOND);
        PipelineFixture.await("every request answered", () -> answers(fx).size() == 2 * REQUESTS);
      } finally {
        two.cancel().get(2, TimeUnit.MINUTES);
      }
      Map<String, Integer> answers = answers(fx);
      assertEquals(2 * REQUESTS, answers.size(), "every request answered");
      assertTrue(answers.values().stream().allMatch(n -> n == 1), "each answered once: " + answers);
      PipelineFixture.assertVersionsIncreaseAndContinueAbove(fx.readAll("rescale.snapshots", ModelSnapshot.class),
          lastOfOne);
    }
  }

  private static JobClient start(JobConfig config, String restoreFrom) throws Exception {
    Configuration flink = JobFactory.flinkConfiguration(config);
    if (restoreFrom != null) {
      flink.setString("execution.state-recovery.path", restoreFrom);
    }
    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    FlinkTask<ReviewEvent, ?, ReviewEvent, Void, SentimentScore> task = JobFactory.sentiment(config);
    OnlineLearningJob.build(senv, JobFactory.plan(config, task), KafkaPipelineIo.create(JobFactory.kafka(config, false),
        task));
    return senv.executeAsync(config.job().name());
  }

  private static Map<String, String> with(Map<String, String> o, String key, String value) {
    Map<String, String> m = new HashMap<>(o);
    m.put(key, value);
    return m;
  }

  /** The applied events of the newest committed snapshot, 0 before the first. */
  private static long applied(PipelineFixture fx) {
    List<ModelSnapshot> all = fx.readAll("rescale.snapshots", ModelSnapshot.class);
    return all.isEmpty() ? 0 : Math.round(all.get(all.size() - 1).getMetrics().getOrDefault("applied_events", 0.0));
  }

  /** Committed answers per request id. */
  private static Map<String, Integer> answers(PipelineFixture fx) {
    Map<String, Integer> n = new HashMap<>();
    for (SentimentScore s : fx.readAll("rescale.scores", SentimentScore.class)) {
      n.merge(s.getId().toString(), 1, Integer::sum);
    }
    return n;
  }

  private static List<ReviewEvent> labeled(List<LabeledText> texts, int from, int count) {
    List<ReviewEvent> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(PipelineFixture.review("uci-" + texts.get(i).index(), texts.get(i).text(), texts.get(i).label()));
    }
    return out;
  }

  private static List<ReviewEvent> requests(List<LabeledText> texts, int from) {
    List<ReviewEvent> out = new ArrayList<>();
    for (int i = from; i < from + REQUESTS; i++) {
      out.add(PipelineFixture.review("req-" + i, texts.get(2000 + i).text(), null));
    }
    return out;
  }
}
