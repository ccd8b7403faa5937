package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.serde.DecodingDeserializationSchema;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.registry.SchemaRegistries;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scorer.delivery: at_least_once} (the default) on a real in-process Kafka broker, the real schema registry
 * server and a Flink MiniCluster: the job learns the UCI sentences, then gets scoring requests and fails while
 * answering them (an injected failure in the requests' decoder). After the restart from the last checkpoint every
 * request has an answer visible to a read_committed consumer, none is lost, and every answer, a repeated one
 * included, is keyed by its request's id; the snapshots stay exactly-once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AtLeastOnceAnswersIT {
  static final int REQUESTS = 3_000;
  static final long FAIL_AT_REQUEST = REQUESTS / 2;

  @TempDir
  Path tmp;

  LocalKafkaRegistryEnvironment env;
  PipelineFixture fx;

  @BeforeAll
  void start() {
    env = LocalKafkaRegistryEnvironment.start();
    fx = new PipelineFixture(env);
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void afterAFailureEveryRequestIsAnsweredAtLeastOnceUnderItsOwnId() throws Exception {
    List<LabeledText> uci = CanonicalOrder.apply(UciSentencesReader.read(
        DataLocator.fromEnvironment().locate(Dataset.UCI)), 42);
    fx.createTopics("alo.labeled", "alo.requests");
    List<ReviewEvent> labeled = new ArrayList<>();
    for (LabeledText t : uci) {
      labeled.add(PipelineFixture.review("uci-" + t.index(), t.text(), t.label()));
    }
    fx.produce("alo.labeled", labeled, v -> ((ReviewEvent) v).getId().toString());
    JobConfig config = JobConfig.defaults().withOverrides(
        fx.jobSettings("alo", "alo.labeled", "alo.requests", tmp.resolve("checkpoints")));
    KafkaPipelineIo.Settings settings = JobFactory.kafka(config, false);
    assertEquals(DeliveryGuarantee.AT_LEAST_ONCE, KafkaPipelineIo.answersGuarantee(settings), "the default");
    assertEquals(DeliveryGuarantee.EXACTLY_ONCE, settings.guarantee(), "the other sinks");

    FlinkTask<ReviewEvent, ?, ReviewEvent, Void, SentimentScore> task = JobFactory.sentiment(config);
    PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> kafka = KafkaPipelineIo.create(settings, task);
    FailureInjectingDecoder.reset();
    FailureInjectingDecoder failing = new FailureInjectingDecoder(new DecodingDeserializationSchema<>(
        ReviewEvent.class, settings.registry(), task.requestValidator()), Set.of(FAIL_AT_REQUEST), -1);
    PipelineIo<ReviewEvent, ReviewEvent, SentimentScore> io = new PipelineIo<>(kafka.labeled(),
        KafkaPipelineIo.source(settings, "alo.requests", failing), kafka.answers(), kafka.snapshots(),
        kafka.metrics(), kafka.deadLetters());
    Configuration flink = JobFactory.flinkConfiguration(config);
    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    OnlineLearningJob.build(senv, JobFactory.plan(config, task), io);
    JobClient job = senv.executeAsync(config.job().name());
    try {
      // Requests once a model is served, so that answers are written before the failure and replayed after it.
      PipelineFixture.await("a committed model snapshot", () -> !fx.readAll("alo.snapshots", ModelSnapshot.class)
          .isEmpty());
      Set<String> requestIds = new HashSet<>();
      List<ReviewEvent> requests = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String id = "req-" + i;
        requests.add(PipelineFixture.review(id, uci.get(i % uci.size()).text(), null));
        requestIds.add(id);
      }
      fx.produce("alo.requests", requests, v -> ((ReviewEvent) v).getId().toString());
      PipelineFixture.await("every request answered", () -> answeredIds(fx.readRaw("alo.scores")).size() == REQUESTS);
      assertEquals(1, FailureInjectingDecoder.FAILURES.get(), "the injected failure happened");

      List<ConsumerRecord<byte[], byte[]>> records = fx.readRaw("alo.scores");
      SpecificRecordDecoder<SentimentScore> decoder = new SpecificRecordDecoder<>(
          SchemaRegistries.connect(fx.registry), SentimentScore.class);
      Map<String, Integer> answers = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        String id = decoder.decode(r.value()).getId().toString();
        assertEquals(id, new String(r.key(), StandardCharsets.UTF_8), "an answer is keyed by its request's id");
        answers.merge(id, 1, Integer::sum);
      }
      assertEquals(requestIds, answers.keySet(), "every request answered, none lost, no other id");
      long repeated = records.size() - answers.size();
      System.out.printf("at_least_once: %d requests, %d answer records, %d repeated after the failure%n", REQUESTS,
          records.size(), repeated);
      assertTrue(answers.values().stream().allMatch(n -> n >= 1));
    } finally {
      job.cancel().get(2, TimeUnit.MINUTES);
    }
  }

  private Set<String> answeredIds(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      ids.add(new String(r.key(), StandardCharsets.UTF_8));
    }
    return ids;
  }
}
