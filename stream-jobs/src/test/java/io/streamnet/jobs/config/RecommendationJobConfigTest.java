package io.streamnet.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.prequential.RecoRunnerSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code job.task: recommendation}: the defaults that follow the task, the bundled file, and the errors. */
class RecommendationJobConfigTest {
  private static final JobConfig RECO = JobConfig.parse("job: {task: recommendation}", "job.yaml");

  private static ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> JobConfig.parse(yaml, "job.yaml"));
  }

  @Test
  void theTaskSetsTheDefaultsOfNamesTopicsScorerAndFeedback() {
    assertEquals(new Job("streamnet-recommendation", "recommendation", 1, "recommendation"), RECO.job());
    assertEquals(new Topics("reco.interactions", "reco.requests", "reco.recommendations", "model.snapshots",
        "streamnet.dlq", "streamnet.metrics"), RECO.topics());
    assertEquals("streamnet-recommendation", RECO.kafka().groupId());
    assertEquals("streamnet-recommendation", RECO.kafka().transactionIdPrefix());
    assertEquals(2, RECO.scorer().parallelism());
    assertEquals(new Feedback(1_800_000, 60_000, 5_000, 60_000, "reco.feedback"), RECO.feedback());
    assertTrue(RECO.feedback().enabled());
    assertFalse(JobConfig.defaults().feedback().enabled(), "sentiment has no feedback loop");
  }

  @Test
  void theDefaultModelIsNnCoresMovieLensRecommender() {
    RecoRunnerSpec expected = RecoRunnerSpec.defaults();
    assertTrue(RECO.model().recommendation());
    assertEquals(expected.learner(), RECO.model().recommender());
    assertEquals(expected.batchSize(), RECO.trainer().batchSize());
  }

  @Test
  void theBundledRecommendationFileDocumentsExactlyTheCodeDefaults() {
    String text = JobConfig.defaultYaml("recommendation");
    assertEquals(RECO, JobConfig.parse(text, "classpath:" + JobConfig.RECOMMENDATION_RESOURCE));
    for (String section : new String[] {"job", "model", "trainer", "scorer", "topics", "kafka", "feedback"}) {
      assertTrue(text.contains("\n" + section + ":"), section);
    }
    assertEquals(JobConfig.defaultYaml(), JobConfig.defaultYaml("sentiment"));
  }

  @Test
  void aRecommenderCanBeWrittenInlineAndItsKeysAreOverridable() {
    JobConfig c = JobConfig.parse("""
        job: {task: recommendation}
        model:
          model: {dim: 16, items: {capacity: 1024}, users: {capacity: 512},
                  rating_head: {seed: 1, inputs: [{name: user, type: ids, vocab: 512},
                                                  {name: item, type: ids, vocab: 1024}],
                                layers: [{type: embedding, name: u, input: user, dim: 4},
                                         {type: embedding, name: i, input: item, dim: 4},
                                         {type: concat, name: ui, inputs: [u, i]},
                                         {type: dense, name: out, units: 1}],
                                loss: mse, optimizer: {type: adagrad, lr: 0.05}}}
          learner: {top_k: 20}
        """, "job.yaml");
    assertEquals(16, c.model().recommender().model().dim());
    assertEquals(20, c.model().recommender().topK());
  }

  @Test
  void errorsNameTheFileAndTheKey() {
    assertEquals("job.yaml: job.task: must be sentiment or recommendation, got 'ranking'",
        error("job: {task: ranking}").getMessage());
    assertTrue(error("job: {task: recommendation}\nmodel: {batch_size: 64}").getMessage()
        .startsWith("job.yaml: model.batch_size: not allowed here"));
    assertEquals("job.yaml: model.model: missing required key 'rating_head'",
        error("job: {task: recommendation}\nmodel: {model: {dim: 16}}").getMessage());
    String dim = assertThrows(ConfigException.class, () -> RECO.withOverrides(Map.of("model.model.dim", "0")))
        .getMessage();
    assertTrue(dim.startsWith("overrides: model.model.dim: "), "the recommender's own error, under model.: " + dim);
    assertEquals("job.yaml: model.spec: classpath:io/streamnet/jobs/config/sentiment-model.yaml is not a recommender"
        + " spec (no top-level model:); a network spec is for job.task: sentiment",
        error("job: {task: recommendation}\nmodel: {spec: 'classpath:io/streamnet/jobs/config/sentiment-model.yaml'}")
            .getMessage());
    assertTrue(error("job: {task: recommendation}\nfeedback: {topic: reco.requests}").getMessage()
        .startsWith("job.yaml: feedback.topic: 'reco.requests' is already one of the job's topics"));
    assertEquals("job.yaml: scorer.explain_top_k: explains sentiment scores only; the recommendation task has no"
        + " explanations, leave it at 0", error("job: {task: recommendation}\nscorer: {explain_top_k: 3}").getMessage());
    assertTrue(error("feedback: {window_ms: 1000}").getMessage().startsWith("job.yaml: feedback.window_ms: "),
        "sentiment has no feedback loop");
    assertTrue(error("job: {task: recommendation}\nfeedback: {idle_ms: 0}").getMessage()
        .startsWith("job.yaml: feedback.idle_ms: must be between 1 and "));
    assertEquals("job.yaml: warm_start.layers: a partial load is for the layers of a network (the sentiment task);"
        + " the recommender's tables are loaded whole: leave layers out",
        error("job: {task: recommendation}\nwarm_start: {from: 'file:///m.snn', layers: [emb]}").getMessage());
  }

  @Test
  void theOpsExampleParsesToTheDefaultsPlusItsDirectories() {
    JobConfig c = JobConfig.load(Path.of("..", "ops", "jobs", "recommendation-job.yaml"));
    assertEquals("recommendation", c.job().task());
    assertEquals(RECO.model(), c.model());
    assertEquals(RECO.topics(), c.topics());
    assertEquals(RECO.feedback(), c.feedback());
    assertEquals("file:///tmp/streamnet/reco-models", c.snapshots().directory());
    assertEquals("127.0.0.1:9092", c.kafka().bootstrapServers());
  }

  @Test
  void overridesReachTheRecommender() {
    JobConfig c = RECO.withOverrides(Map.of("model.model.dim", "32", "feedback.window_ms", "0"));
    assertEquals(32, c.model().recommender().model().dim());
    assertFalse(c.feedback().enabled());
  }
}
