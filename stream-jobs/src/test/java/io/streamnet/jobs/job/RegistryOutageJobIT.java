package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.connect.serde.ReviewEventV1;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job through a schema-registry outage: the real registry server process stops answering for 10 s mid-stream
 * (SIGSTOP, so that its in-memory schemas survive) while a record whose writer schema the job has never fetched
 * arrives. The source holds it and retries with back-off (registry.outage_limit_ms), the records behind it wait, and
 * when the registry answers again everything is applied: nothing in the dead-letter topic, nothing lost, nothing
 * twice. On an environment of its own, since it stops the registry. The job signs its snapshots here: every one on
 * the topic verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryOutageJobIT {
  static final int BATCH = 32;
  static final int BEFORE = 20 * BATCH;
  static final int DURING = 20 * BATCH;
  static final SigningKey KEY = new SigningKey("it-key", "a key of thirty-two bytes or more".getBytes(
      StandardCharsets.UTF_8));

  @TempDir
  Path tmp;

  LocalKafkaRegistryEnvironment env;
  PipelineFixture fx;
  SpecificRecordDecoder<ModelSnapshot> snapshots;

  @BeforeAll
  void start() {
    env = LocalKafkaRegistryEnvironment.start();
    fx = new PipelineFixture(env);
    snapshots = new SpecificRecordDecoder<>(SchemaRegistries.connect(fx.registry), ModelSnapshot.class);
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.resumeRegistry();
      env.close();
    }
  }

  static ReviewEvent review(int i) {
    return PipelineFixture.review("r-" + i, (i % 2 == 0 ? "a good and fine film " : "a dull and bad film ") + i,
        i % 2 == 0 ? 1 : 0);
  }

  @Test
  void aTenSecondRegistryOutageDeadLettersNothingAndLosesNothing() throws Exception {
    fx.createTopics("outage.labeled", "outage.requests");
    // A writer schema the job will first meet during the outage: v1 of the contract, registered now.
    byte[] unseen = ReviewEventV1.encode(SchemaRegistries.connect(fx.registry), "outage.labeled", "r-v1");
    Map<String, String> o = new HashMap<>(fx.jobSettings("outage", "outage.labeled", "outage.requests",
        tmp.resolve("checkpoints")));
    // Each schema fetch fails fast while the registry does not answer; the source holds the record up to 60 s.
    o.put("registry.properties.http.read.timeout.ms", "500");
    o.put("registry.properties.max.retries", "1");
    o.put("registry.outage_limit_ms", "60000");
    // Signed snapshots on the topic (checked at the end).
    o.put("snapshots.signing.key_id", KEY.id());
    o.put("snapshots.signing.key", "base64:" + Base64.getEncoder().encodeToString(KEY.secret()));
    JobConfig config = JobConfig.defaults().withOverrides(o);

    long digest = 0;
    List<ReviewEvent> first = new ArrayList<>();
    for (int i = 0; i < BEFORE; i++) {
      first.add(review(i));
      digest += AppliedEvents.hash("r-" + i);
    }
    fx.produce("outage.labeled", first, v -> ((ReviewEvent) v).getId().toString());
    // Encoded now, while the registry answers; produced during the outage (producing needs no registry).
    AvroKafkaSerializer<ReviewEvent> serializer = new AvroKafkaSerializer<>(SchemaRegistries.connect(fx.registry),
        AvroSerdeConfig.of(fx.registry), false);
    List<ProducerRecord<byte[], byte[]>> during = new ArrayList<>();
    for (int i = BEFORE; i < BEFORE + DURING - 1; i++) {
      if (i == BEFORE + 5) {
        during.add(new ProducerRecord<>("outage.labeled", "r-v1".getBytes(StandardCharsets.UTF_8), unseen));
        digest += AppliedEvents.hash("r-v1");
      }
      during.add(new ProducerRecord<>("outage.labeled", ("r-" + i).getBytes(StandardCharsets.UTF_8),
          serializer.serialize("outage.labeled", review(i))));
      digest += AppliedEvents.hash("r-" + i);
    }

    StreamExecutionEnvironment senv = StreamExecutionEnvironment.getExecutionEnvironment(
        JobFactory.flinkConfiguration(config));
    OnlineLearningJob.build(senv, JobFactory.plan(config, JobFactory.sentiment(config)),
        KafkaPipelineIo.create(JobFactory.kafka(config, false), JobFactory.sentiment(config)));
    JobClient job = senv.executeAsync(config.job().name());
    try {
      PipelineFixture.await("the events before the outage applied", () -> applied() == BEFORE);

      env.pauseRegistry();
      long pausedAt = System.nanoTime();
      try {
        fx.produceRaw("outage.labeled", during);
        Thread.sleep(10_000);
        // Batches form by 32: the held record (the 6th of these) and everything behind it wait.
        assertEquals(BEFORE, applied(), "nothing after the record with the unseen schema applied during the outage");
      } finally {
        env.resumeRegistry();
      }
      PipelineFixture.await("every event applied after the outage", () -> applied() == BEFORE + DURING);
      System.out.printf("registry outage: paused %.1f s; every event applied %.1f s after the pause began%n",
          10.0, (System.nanoTime() - pausedAt) / 1e9);

      ModelSnapshot last = latest();
      assertEquals(BEFORE + DURING, last.getMetrics().get("applied_events"), 0.0, "applied events");
      assertEquals(digest, AppliedEvents.digestIn(last.getMetrics()), "digest of the applied ids: each once");
    } finally {
      job.cancel().get(2, TimeUnit.MINUTES);
    }
    assertEquals(List.of(), fx.readAll("outage.dlq", DeadLetter.class), "nothing dead-lettered");
    List<ConsumerRecord<byte[], byte[]>> published = fx.readRaw("outage.snapshots");
    assertTrue(published.size() > 1);
    for (ConsumerRecord<byte[], byte[]> r : published) {
      assertEquals(SnapshotSignature.Verdict.VALID, SnapshotSignature.verify(snapshots.decode(r.value()),
          Map.of(KEY.id(), KEY)), "every snapshot on the topic is signed");
    }
  }

  /** The newest snapshot; decoded with a client whose schema cache outlives the outage (warmed before it). */
  ModelSnapshot latest() {
    List<ConsumerRecord<byte[], byte[]>> all = fx.readRaw("outage.snapshots");
    return all.isEmpty() ? null : snapshots.decode(all.get(all.size() - 1).value());
  }

  long applied() {
    ModelSnapshot s = latest();
    Double n = s == null ? null : s.getMetrics().get("applied_events");
    return n == null ? -1 : n.longValue();
  }
}
