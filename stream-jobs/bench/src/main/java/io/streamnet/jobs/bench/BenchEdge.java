package io.streamnet.jobs.bench;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.edge.EdgeScorerApp;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.jobs.config.JobConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One run of the edge scorer (the Kafka Streams application of {@code stream-jobs/edge}) in this JVM, beside the
 * benchmark's Flink job: it follows the job's snapshot topic and reads the job's own request (and, for
 * recommendation, labeled) topics, and writes its answers to a topic of its own. Started the way
 * {@code ./streamnet serve} starts it, from a YAML document, with the benchmark's in-memory registry and no HTTP
 * endpoints.
 */
final class BenchEdge implements AutoCloseable {
  private final EdgeScorerApp app;
  private final String answersTopic;

  private BenchEdge(EdgeScorerApp app, String answersTopic) {
    this.app = app;
    this.answersTopic = answersTopic;
  }

  /** The answers topic of run {@code run}'s edge scorer. */
  static String answersTopic(String run) {
    return run + ".edge-answers";
  }

  /** The dead-letter topic of run {@code run}'s edge scorer. */
  static String deadLetterTopic(String run) {
    return run + ".edge-dlq";
  }

  /**
   * The edge scorer's configuration for run {@code run} of the job {@code job} configures: the job's task, model
   * id, snapshot and input topics; answers at each commit, every {@code commitIntervalMs}.
   */
  static String yaml(String run, JobConfig job, String bootstrap, Path stateDir, int commitIntervalMs) {
    String task = job.job().task();
    String inputs = "requests: " + job.topics().requests() + ", "
        + (task.equals("recommendation") ? "interactions: " + job.topics().labeled() + ", " : "");
    return String.join("\n",
        "app: {application_id: " + applicationId(run) + ", threads: 1, state_dir: '" + stateDir + "',"
            + " commit_interval_ms: " + commitIntervalMs + ", http_port: -1}",
        "kafka: {bootstrap_servers: '" + bootstrap + "', replication_factor: 1}",
        "topics: {snapshots: " + job.topics().snapshots() + ", dead_letters: " + deadLetterTopic(run) + "}",
        "tasks:",
        "  " + task + ": {model_id: " + job.job().modelId() + ", " + inputs + "answers: " + answersTopic(run) + "}",
        "");
  }

  /** Starts it; returns once its global model store has read the snapshot topic to its end. */
  static BenchEdge start(String run, JobConfig job, String bootstrap, Path stateDir, int commitIntervalMs)
      throws IOException {
    EdgeConfig config = EdgeConfig.parse(yaml(run, job, bootstrap, stateDir, commitIntervalMs), "bench");
    EdgeScorerApp app = EdgeScorerApp.start(config, SchemaRegistries.connect(BenchKafka.REGISTRY));
    return new BenchEdge(app, answersTopic(run));
  }

  private static String applicationId(String run) {
    return "bench-edge-" + run;
  }

  /**
   * The start of its threads' names: Kafka Streams names them after the application id (its stream thread and the
   * global thread that follows the snapshots), not the clients' network threads.
   */
  static String threadPrefix(String run) {
    return applicationId(run) + "-";
  }

  String answersTopic() {
    return answersTopic;
  }

  /** Its stream thread's cumulative time figures now. */
  EdgeThreadTimes threadTimes() {
    return EdgeThreadTimes.of(app.streams().metrics());
  }

  boolean running() {
    return app.streams().state() == KafkaStreams.State.RUNNING;
  }

  /** Why it stopped, or null while it runs. */
  String failure() {
    KafkaStreams.State s = app.streams().state();
    return s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
        || s == KafkaStreams.State.PENDING_ERROR ? "the edge scorer stopped (" + s + ")" : null;
  }

  @Override
  public void close() {
    app.close();
  }
}
