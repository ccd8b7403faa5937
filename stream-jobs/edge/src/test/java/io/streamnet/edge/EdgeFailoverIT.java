package io.streamnet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.testing.LocalKafkaRegistryEnvironment;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.edge.metrics.TaskMetrics;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two edge scorers with one application id share the requests of a 4-partition topic on the embedded broker: one in
 * this JVM, one as its own process. Mid-stream the process is killed (SIGKILL: no commit, no abort, no leaving the
 * group). The survivor takes over its partitions once the broker expires the dead member's session and aborts its
 * open transaction, and every request is answered exactly once as a read_committed consumer sees it: none lost, none
 * twice, though the dead instance had answered some and had uncommitted answers in flight.
 */
class EdgeFailoverIT {
  static final String REQUESTS_TOPIC = "fo.requests";
  static final String ANSWERS = "fo.scores";
  static final String SNAPSHOTS = "fo.snapshots";
  static final String DLQ = "fo.dlq";
  static final int PARTITIONS = 4;
  static final int REQUESTS = 3_000;
  /** Requests are sent at a steady rate over this long; the process is killed a third of the way through. */
  static final Duration SENDING = Duration.ofSeconds(20);
  static final int KILL_AFTER = REQUESTS / 3;
  /**
   * The broker's least session timeout (group.min.session.timeout.ms, 6 s by default, as on the embedded broker), and
   * a short transaction timeout: the survivor reads the dead instance's partitions once the broker has aborted its
   * open transaction (checked every 10 s by default).
   */
  static final Map<String, String> KAFKA = Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000",
      "transaction.timeout.ms", "5000");
  static final Duration DEADLINE = Duration.ofSeconds(90);
  static final Duration POLL = Duration.ofMillis(200);
  static final String REQUESTS_TOTAL = "streamnet_edge_requests_total{task=\"sentiment\"}";

  @TempDir
  Path tmp;

  @Test
  void theSurvivorTakesOverAKilledInstancesPartitionsAndEveryRequestIsAnsweredExactlyOnce() throws Exception {
    try (LocalKafkaRegistryEnvironment env = LocalKafkaRegistryEnvironment.start()) {
      EdgeItFixture fx = new EdgeItFixture(env);
      fx.createTopics(PARTITIONS, REQUESTS_TOPIC, ANSWERS);
      fx.createTopics(1, DLQ);
      fx.createSnapshotTopic(SNAPSHOTS);
      fx.registerValueSchemas(Map.of(SNAPSHOTS, ModelSnapshot.getClassSchema(), ANSWERS,
          SentimentScore.getClassSchema(), DLQ, DeadLetter.getClassSchema(), REQUESTS_TOPIC,
          ReviewEvent.getClassSchema()));
      SentimentTask task = EdgeFixtures.sentiment();
      byte[] weights = SnapshotPayload.full(task.newLearner(null).content());
      fx.produce(SNAPSHOTS, List.of(EdgeFixtures.full(task, "sentiment", new ModelVersion(1, 1), weights)),
          v -> "sentiment:FULL");

      try (EdgeScorerApp survivor = EdgeScorerApp.start(EdgeConfig.parse(config(fx, "survivor", "-1"), "survivor"),
          fx.registryClient);
           EdgeProcess doomed = EdgeProcess.start(config(fx, "doomed", "%HTTP_PORT%"),
               Files.createDirectories(tmp.resolve("doomed")))) {
        EdgeItFixture.await("both instances ready and two request partitions each",
            () -> doomed.ready() && survivor.streams().state() == KafkaStreams.State.RUNNING
                && ownedPartitions(survivor).size() == PARTITIONS / 2,
            () -> "survivor " + survivor.streams().state() + " owning " + ownedPartitions(survivor)
                + ", process alive " + doomed.alive() + ", its console:\n" + doomed.tail(), POLL, DEADLINE);
        Set<Integer> doomedPartitions = new TreeSet<>(List.of(0, 1, 2, 3));
        doomedPartitions.removeAll(ownedPartitions(survivor));

        RequestStream run = new RequestStream(fx);
        run.sender.start();
        Map<String, Integer> answers = new HashMap<>();
        Map<String, Long> firstSeenAt = new HashMap<>();
        double answeredByDoomed;
        long answeredBySurvivorBefore;
        long killedAt;
        try (KafkaConsumer<byte[], byte[]> consumer = fx.committedConsumer()) {
          List<TopicPartition> parts = consumer.partitionsFor(ANSWERS).stream()
              .map(p -> new TopicPartition(ANSWERS, p.partition())).toList();
          consumer.assign(parts);
          consumer.seekToBeginning(parts);
          SpecificRecordDecoder<SentimentScore> decoder = new SpecificRecordDecoder<>(fx.registryClient,
              SentimentScore.class);
          EdgeItFixture.await(KILL_AFTER + " requests sent before the kill", () -> {
            collect(consumer, decoder, answers, firstSeenAt);
            return run.sent.get() >= KILL_AFTER;
          }, () -> "sent " + run.sent.get(), Duration.ofMillis(1), DEADLINE);
          answeredByDoomed = doomed.metric(REQUESTS_TOTAL);
          answeredBySurvivorBefore = sentiment(survivor).answered();
          killedAt = System.currentTimeMillis();
          doomed.kill();
          EdgeItFixture.await("every request answered after the kill", () -> {
            collect(consumer, decoder, answers, firstSeenAt);
            return answers.size() == REQUESTS;
          }, () -> answers.size() + " of " + REQUESTS + " answered, " + run.sent.get() + " sent, survivor owning "
              + ownedPartitions(survivor), Duration.ofMillis(1), DEADLINE.plus(SENDING));
          long until = System.currentTimeMillis() + 2_000; // an answer twice would show up now
          while (System.currentTimeMillis() < until) {
            collect(consumer, decoder, answers, firstSeenAt);
          }
        }

        assertTrue(answeredByDoomed > 0, "the killed instance answered requests before it died: " + answeredByDoomed);
        assertTrue(answeredBySurvivorBefore > 0, "so did the survivor: " + answeredBySurvivorBefore);
        assertEquals(Set.of(0, 1, 2, 3), ownedPartitions(survivor), "the survivor owns every partition now");
        Map<String, Integer> twice = answers.entrySet().stream().filter(e -> e.getValue() != 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), twice, "requests answered more than once");
        assertEquals(REQUESTS, answers.size(), "requests answered");

        long firstAfter = Long.MAX_VALUE;
        for (int i = 0; i < REQUESTS; i++) {
          if (doomedPartitions.contains(partition(i)) && run.sentAt[i] > killedAt) {
            firstAfter = Math.min(firstAfter, firstSeenAt.get(id(i)));
          }
        }
        System.out.printf("edge failover: %.1f s from the SIGKILL to the survivor's first committed answer on the"
                + " killed instance's partitions %s (session timeout 6 s, transaction timeout 5 s); the killed"
                + " instance had answered %.0f requests, the survivor %d, before the kill; %d requests, each answered"
                + " once%n", (firstAfter - killedAt) / 1000.0, doomedPartitions, answeredByDoomed,
            answeredBySurvivorBefore, answers.size());
        assertTrue(firstAfter < Long.MAX_VALUE, "requests of the killed instance's partitions sent after the kill");
      }
    }
  }

  /** A configuration of the edge scorer sharing the application id; its own state directory. */
  String config(EdgeItFixture fx, String instance, String httpPort) {
    return fx.edgeYaml("""
        app:
          application_id: edge-failover
          state_dir: %s
          http_port: %s
          commit_interval_ms: 100
        topics:
          snapshots: %s
          dead_letters: %s
        tasks:
          sentiment: {model_id: sentiment, requests: %s, answers: %s}
        """.formatted(tmp.resolve(instance + "-state"), httpPort, SNAPSHOTS, DLQ, REQUESTS_TOPIC, ANSWERS), KAFKA);
  }

  /** The requests, sent from their own thread at a steady rate, each to partition {@code i % PARTITIONS}. */
  static final class RequestStream {
    final long[] sentAt = new long[REQUESTS];
    final AtomicInteger sent = new AtomicInteger();
    final Thread sender;

    RequestStream(EdgeItFixture fx) {
      sender = new Thread(() -> {
        long start = System.nanoTime();
        long every = SENDING.toNanos() / REQUESTS;
        try (KafkaProducer<String, SpecificRecord> producer = fx.producer()) {
          for (int i = 0; i < REQUESTS; i++) {
            LockSupport.parkNanos(start + i * every - System.nanoTime());
            sentAt[i] = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(REQUESTS_TOPIC, partition(i), id(i), new ReviewEvent(id(i),
                i % 2 == 0 ? "a fine film" : "dull and long", null, Instant.ofEpochMilli(0), null)));
            sent.incrementAndGet();
          }
          producer.flush();
        }
      }, "failover-requests");
      sender.setDaemon(true);
    }
  }

  static int partition(int i) {
    return i % PARTITIONS;
  }

  static String id(int i) {
    return "fo-" + i;
  }

  static void collect(KafkaConsumer<byte[], byte[]> consumer, SpecificRecordDecoder<SentimentScore> decoder,
                      Map<String, Integer> answers, Map<String, Long> firstSeenAt) {
    long now = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
      String id = decoder.decode(r.value()).getId().toString();
      answers.merge(id, 1, Integer::sum);
      firstSeenAt.putIfAbsent(id, now);
    }
  }

  static TaskMetrics sentiment(EdgeScorerApp app) {
    return app.metrics().task("sentiment", "sentiment");
  }

  /** The partitions of the requests topic that {@code app}'s stream threads process now. */
  static Set<Integer> ownedPartitions(EdgeScorerApp app) {
    return app.streams().metadataForLocalThreads().stream()
        .flatMap(t -> t.activeTasks().stream())
        .flatMap(t -> t.topicPartitions().stream())
        .filter(tp -> tp.topic().equals(REQUESTS_TOPIC))
        .map(TopicPartition::partition)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
