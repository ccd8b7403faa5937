package io.streamnet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaSerializer;
import io.streamnet.connect.serde.AvroSerdeConfig;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.ImdbReader;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sentiment job jar on a Flink standalone cluster of separate processes ({@code ops/flink.sh}: a JobManager and
 * two TaskManagers of one slot each, so the job, its scorer at parallelism 2, spans both), beside a Kafka broker
 * ({@code ops/kafka.sh}) and the schema registry ({@code ops/registry.sh}), each its own process; checkpoints go to
 * the cluster's durable checkpoint directory. Mid-stream, after a completed checkpoint and published snapshots, the
 * TaskManager running the trainer is killed with SIGKILL and a new one is started. The job recovers and:
 * <ul>
 *   <li>applies every labeled event exactly once (count and order-independent digest of the ids, as SentimentJobIT);</li>
 *   <li>answers every request exactly once, as a read_committed consumer sees the answers;</li>
 *   <li>never publishes a model version below one it published before (the recovered job continues in a new epoch
 *       above them), and answers only with versions it published.</li>
 * </ul>
 * It prints the recovery times: kill to every task RUNNING again, to the first new snapshot and the first new answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskManagerFailoverIT {
  /** Labeled events: a whole number of batches, since an unbounded job never trains a last partial batch. */
  static final int EVENTS = 16_000;
  static final int REQUESTS = 1_000;
  static final int EVENTS_PER_REQUEST = EVENTS / REQUESTS;
  /** Production pace: the first half arrives while the job runs, the second after the kill, during recovery. */
  static final int EVENTS_PER_SECOND = 1_000;
  static final Duration DEADLINE = Duration.ofMinutes(4);
  static final Pattern JOB_ID = Pattern.compile("submitted: job ([0-9a-f]{32})");

  OpsStack ops;
  FlinkRest rest;
  CommittedOutputs outputs;
  String jobId;
  final List<ReviewEvent> labeled = new ArrayList<>();
  final List<ReviewEvent> requests = new ArrayList<>();
  long expectedDigest;

  @BeforeAll
  void startTheStack() {
    ops = OpsStack.prepare(Path.of(System.getProperty("streamnet.ops.dir")),
            Path.of(System.getProperty("streamnet.cluster.rundir")))
        .with("FLINK_SLOTS", "1")
        .with("FLINK_TM_MEMORY", "1728m");
    long t0 = System.nanoTime();
    CompletableFuture<List<LabeledText>> data = CompletableFuture.supplyAsync(() ->
        CanonicalOrder.apply(ImdbReader.read(DataLocator.fromEnvironment().locate(Dataset.IMDB)), 42));
    ops.start(2);
    System.out.printf("ops stack (broker, registry, JobManager, 2 TaskManagers) up in %.1f s%n", seconds(t0));
    rest = new FlinkRest(ops.restUrl());

    List<LabeledText> imdb = data.join();
    for (LabeledText t : imdb.subList(0, EVENTS)) {
      String id = "imdb-" + t.index();
      labeled.add(review(id, t.text(), t.label()));
      expectedDigest += AppliedEvents.hash(id);
    }
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(review("req-" + i, imdb.get(imdb.size() - 1 - i).text(), null));
    }
  }

  @AfterAll
  void stopEverything() {
    if (outputs != null) {
      outputs.close();
    }
    if (jobId != null) {
      try {
        rest.cancel(jobId);
      } catch (RuntimeException e) {
        System.err.println("cancelling " + jobId + ": " + e.getMessage());
      }
    }
    if (ops != null) {
      ops.close();
    }
  }

  @Test
  void aKilledTaskManagerLosesNoEventAppliesNoneTwiceAndAnswersEveryRequestOnce() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      String job = jobId == null ? "not submitted" : rest.describe(jobId);
      throw new AssertionError(t.getMessage() + "\njob: " + job + "\nlogs of the processes:" + ops.logTails(), t);
    }
  }

  private void run() throws Exception {
    String p = "it";
    Map<String, String> topics = Map.of("labeled", p + ".labeled", "requests", p + ".requests", "scores",
        p + ".scores", "snapshots", p + ".snapshots", "dead_letters", p + ".dlq", "metrics", p + ".metrics");
    try (TopicAdmin admin = TopicAdmin.connect(ops.bootstrapServers())) {
      admin.ensure(List.of(new TopicSpec(topics.get("labeled"), 1, (short) 1, Map.of()),
          new TopicSpec(topics.get("requests"), 1, (short) 1, Map.of())));
    }
    // Registered before the job's sinks start, so that its parallel writers register nothing at the same moment.
    SchemaRegistryClient registry = SchemaRegistries.connect(RegistryConfig.of(ops.registryUrl()));
    registry.register(topics.get("scores") + "-value", SentimentScore.getClassSchema());
    registry.register(topics.get("snapshots") + "-value", ModelSnapshot.getClassSchema());
    registry.register(topics.get("dead_letters") + "-value", DeadLetter.getClassSchema());
    registry.register(topics.get("metrics") + "-value", TrainingMetrics.getClassSchema());

    long t0 = System.nanoTime();
    jobId = submit(topics);
    await("every task of job " + jobId + " RUNNING", () -> rest.fullyRunning(jobId), () -> rest.describe(jobId));
    System.out.printf("job %s submitted and running in %.1f s%n", jobId, seconds(t0));
    t0 = System.nanoTime();
    Set<String> before = rest.taskManagers(jobId, null);
    assertEquals(2, before.size(), "the job runs on two TaskManagers: " + before);

    outputs = new CommittedOutputs(ops.bootstrapServers(), ops.registryUrl(), topics.get("scores"), topics.get("snapshots"));
    CountDownLatch killed = new CountDownLatch(1);
    PacedProducer producer = new PacedProducer(topics.get("labeled"), topics.get("requests"), killed);
    producer.start();

    // Mid-stream: a checkpoint completed, snapshots and answers committed, the first half still being produced.
    await("a completed checkpoint, two committed snapshots and a committed answer",
        () -> rest.completedCheckpoints(jobId) >= 1 && outputs.snapshots().size() >= 2 && !outputs.answers().isEmpty(),
        () -> "checkpoints " + rest.completedCheckpoints(jobId) + ", snapshots " + outputs.snapshots().size()
            + ", answers " + outputs.answers().size() + ", produced " + producer.sent.get());
    String victim = rest.taskManagers(jobId, "trainer").iterator().next();
    ModelVersion newestBefore = newest(outputs.snapshots().stream().map(s -> version(s.value())).toList());
    long producedAtKill = producer.sent.get();
    long appliedAtKill = applied(outputs.snapshots().get(outputs.snapshots().size() - 1).value());

    System.out.printf("mid-stream after %.1f s of running: %d checkpoints, %d snapshots, %d answers committed%n",
        seconds(t0), rest.completedCheckpoints(jobId), outputs.snapshots().size(), outputs.answers().size());
    long killAt = System.nanoTime();
    ops.run("flink.sh", "kill-taskmanager", victim.substring(victim.lastIndexOf('-') + 1));
    killed.countDown();
    RecoveryWatch watch = new RecoveryWatch(rest, jobId);
    watch.start();
    ops.run("flink.sh", "start-taskmanager");
    double newTaskManagerAt = seconds(killAt);

    await("every task RUNNING again after the kill", () -> watch.runningAgainAt.get() != 0, () -> rest.describe(jobId));
    await("every labeled event applied and published", () -> lastApplied() == EVENTS,
        () -> "applied " + lastApplied() + " of " + EVENTS + ", produced " + producer.sent.get());
    await("every request answered", () -> distinctAnswers() >= REQUESTS,
        () -> "answered " + distinctAnswers() + " of " + REQUESTS);
    producer.finish();
    System.out.printf("every event applied and every request answered %.1f s after the kill%n", seconds(killAt));
    // The cluster's Prometheus reporter exports the job's figures (the trainer's TaskManager serves its gauges).
    String applied = "flink_taskmanager_job_task_operator_streamnet_trainer_appliedEvents";
    await("the trainer's applied events on a Prometheus endpoint of the cluster",
        () -> ClusterPrometheus.gauge(ops.prometheusBase, 10, applied) == EVENTS,
        () -> "scraped " + ClusterPrometheus.gauge(ops.prometheusBase, 10, applied));
    // Two more completed checkpoints: an answer repeated by the recovery would be committed by now.
    long checkpoints = rest.completedCheckpoints(jobId);
    await("two more completed checkpoints", () -> rest.completedCheckpoints(jobId) >= checkpoints + 2,
        () -> rest.describe(jobId));
    Set<String> after = rest.taskManagers(jobId, null);
    watch.stop = true;

    // Recovery times.
    ModelSnapshot lastBefore = outputs.snapshots().stream().map(CommittedOutputs.Seen::value)
        .filter(s -> version(s).equals(newestBefore)).findFirst().orElseThrow();
    CommittedOutputs.Seen<ModelSnapshot> firstSnapshot = outputs.firstSnapshotAfter(killAt,
        s -> s.getEpoch() > lastBefore.getEpoch());
    // Requests of the second half were produced after the kill: their answers come from the recovered job.
    CommittedOutputs.Seen<SentimentScore> firstAnswer = outputs.firstAnswerAfter(killAt,
        a -> Integer.parseInt(a.getId().toString().substring("req-".length())) >= REQUESTS / 2);
    System.out.printf("killed %s (the trainer's) at %d events produced, %d applied; job no longer fully running after %.1f s;"
            + " new TaskManager registered after %.1f s; every task RUNNING again after %.1f s; first snapshot of the"
            + " new epoch committed after %.1f s, first answer to a request sent after the kill %.1f s; %d restarts;"
            + " TaskManagers before %s, after %s%n",
        victim, producedAtKill, appliedAtKill, sinceKill(watch.leftRunningAt.get(), killAt), newTaskManagerAt,
        sinceKill(watch.runningAgainAt.get(), killAt), sinceKill(firstSnapshot == null ? 0 : firstSnapshot.atNanos(), killAt),
        sinceKill(firstAnswer == null ? 0 : firstAnswer.atNanos(), killAt), restarts(), before, after);

    // No event lost, none applied twice.
    ModelSnapshot last = outputs.snapshots().get(outputs.snapshots().size() - 1).value();
    assertEquals(EVENTS, applied(last), "applied events");
    assertEquals(expectedDigest, AppliedEvents.digestIn(last.getMetrics()), "digest of the applied event ids");
    assertTrue(appliedAtKill < EVENTS && producedAtKill < EVENTS, "the kill came mid-stream");

    // Every request answered exactly once (read_committed).
    Set<String> answered = new HashSet<>();
    for (CommittedOutputs.Seen<SentimentScore> a : outputs.answers()) {
      assertTrue(answered.add(a.value().getId().toString()), "request " + a.value().getId() + " answered twice");
    }
    assertEquals(REQUESTS, answered.size(), "every request answered");

    // Versions never go back: on the snapshots topic, and in the answers after the failure.
    ModelVersion previous = null;
    for (CommittedOutputs.Seen<ModelSnapshot> s : outputs.snapshots()) {
      ModelVersion v = version(s.value());
      assertTrue(previous == null || v.compareTo(previous) > 0, "snapshot version " + v + " after " + previous);
      previous = v;
    }
    assertTrue(previous.compareTo(newestBefore) > 0 && previous.epoch() > newestBefore.epoch(),
        "the recovered job published above " + newestBefore + " in a new epoch: " + previous);
    // Every answer came from a version the job published (committed): none from a model the recovery undid.
    Set<ModelVersion> published = new HashSet<>();
    outputs.snapshots().forEach(s -> published.add(version(s.value())));
    for (CommittedOutputs.Seen<SentimentScore> a : outputs.answers()) {
      assertTrue(published.contains(version(a.value())), "request " + a.value().getId() + " answered by "
          + version(a.value()) + ", a version not on the snapshots topic");
    }
    assertTrue(firstSnapshot != null && firstAnswer != null, "output of the new epoch after the kill");
    assertEquals(2, after.size(), "the recovered job runs on two TaskManagers: " + after);
    assertTrue(!after.contains(victim), "the killed TaskManager runs nothing: " + after);
  }

  /** Submits the job jar with {@code ops/flink.sh submit}; the job id it printed. */
  private String submit(Map<String, String> topics) {
    List<String> args = new ArrayList<>(List.of("submit", System.getProperty("streamnet.job.jar"), "--"));
    args.addAll(List.of("--config", ops.ops.resolve("jobs/sentiment-job.yaml").toString(), "--create-topics"));
    Map<String, String> set = new java.util.LinkedHashMap<>();
    set.put("kafka.bootstrap_servers", ops.bootstrapServers());
    set.put("registry.url", ops.registryUrl());
    set.put("kafka.group_id", "cluster-it");
    set.put("kafka.transaction_id_prefix", "cluster-it");
    set.put("kafka.starting_offsets", "earliest");
    topics.forEach((k, v) -> set.put("topics." + k, v));
    set.put("checkpointing.directory", ops.checkpointDir().toUri().toString());
    set.put("checkpointing.interval_ms", "1000");
    set.put("snapshots.directory", ops.runDir.resolve("models").toUri().toString());
    set.put("scorer.parallelism", "2");
    set.put("scorer.delivery", "exactly_once");
    set.put("scorer.buffer_limit", String.valueOf(REQUESTS));
    set.put("restart.attempts", "100");
    set.put("restart.delay_ms", "500");
    set.put("warm_start.from", "none");
    set.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    String out = ops.run("flink.sh", args.toArray(String[]::new));
    Matcher m = JOB_ID.matcher(out);
    if (!m.find()) {
      throw new AssertionError("ops/flink.sh submit printed no job id:\n" + out);
    }
    return m.group(1);
  }

  /** Produces the labeled events and requests (one after every {@link #EVENTS_PER_REQUEST}) at a steady pace. */
  final class PacedProducer extends Thread {
    final AtomicLong sent = new AtomicLong();
    private final String labeledTopic;
    private final String requestsTopic;
    private final CountDownLatch killed;
    private volatile Throwable failure;

    PacedProducer(String labeledTopic, String requestsTopic, CountDownLatch killed) {
      super("paced-producer");
      setDaemon(true);
      this.labeledTopic = labeledTopic;
      this.requestsTopic = requestsTopic;
      this.killed = killed;
    }

    @Override
    public void run() {
      RegistryConfig registry = RegistryConfig.of(ops.registryUrl());
      Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ops.bootstrapServers(),
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.LINGER_MS_CONFIG, 5);
      try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
          new AvroKafkaSerializer<>(SchemaRegistries.connect(registry), AvroSerdeConfig.of(registry), false))) {
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
          if (i == EVENTS / 2) {
            producer.flush();
            killed.await(); // the second half after the kill
            start = System.nanoTime() - (long) (i * 1e9 / EVENTS_PER_SECOND);
          }
          ReviewEvent e = labeled.get(i);
          producer.send(new ProducerRecord<>(labeledTopic, e.getId().toString(), e));
          if (i % EVENTS_PER_REQUEST == EVENTS_PER_REQUEST - 1) {
            ReviewEvent r = requests.get(i / EVENTS_PER_REQUEST);
            producer.send(new ProducerRecord<>(requestsTopic, r.getId().toString(), r));
          }
          sent.incrementAndGet();
          long due = start + (long) ((i + 1) * 1e9 / EVENTS_PER_SECOND);
          long wait = due - System.nanoTime();
          if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
          }
        }
        producer.flush();
      } catch (Throwable t) {
        failure = t;
      }
    }

    void finish() throws InterruptedException {
      join();
      if (failure != null) {
        throw new AssertionError("producing the input failed: " + failure, failure);
      }
    }
  }

  /** How often the job restarted, as the JobManager logged it. */
  private long restarts() {
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(ops.runDir.resolve("flink/jobmanager.log"))) {
      return lines.filter(l -> l.contains("switched from state RUNNING to RESTARTING")).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private long lastApplied() {
    List<CommittedOutputs.Seen<ModelSnapshot>> all = outputs.snapshots();
    return all.isEmpty() ? -1 : applied(all.get(all.size() - 1).value());
  }

  private long distinctAnswers() {
    return outputs.answers().stream().map(a -> a.value().getId().toString()).distinct().count();
  }

  static long applied(ModelSnapshot s) {
    Double n = s.getMetrics().get(AppliedEvents.COUNT_KEY);
    return n == null ? -1 : n.longValue();
  }

  static ModelVersion version(ModelSnapshot s) {
    return new ModelVersion(s.getEpoch(), s.getVersion());
  }

  static ModelVersion version(SentimentScore a) {
    return new ModelVersion(a.getModelEpoch(), a.getModelVersion());
  }

  static ModelVersion newest(List<ModelVersion> versions) {
    return versions.stream().max(ModelVersion::compareTo).orElseThrow();
  }

  static ReviewEvent review(String id, String text, Integer label) {
    return new ReviewEvent(id, text, label, Instant.ofEpochMilli(0), null);
  }

  static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  static double sinceKill(long atNanos, long killAt) {
    return atNanos == 0 ? Double.NaN : (atNanos - killAt) / 1e9;
  }

  static void await(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what + " ("
            + state.get() + ")");
      }
      Thread.sleep(250);
    }
  }
}
