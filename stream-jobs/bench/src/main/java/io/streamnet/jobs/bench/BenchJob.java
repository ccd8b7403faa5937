package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Topics;
import io.streamnet.jobs.job.JobFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the real job for the benchmark: its configuration (the task's defaults, the phase's settings, the
 * user's {@code --set}, then the run's own topics, broker, registry and checkpoint directory) and its start on a
 * fresh local MiniCluster of parallelism 1, as {@code streamnet demo} runs it.
 */
final class BenchJob {
  /** Keys each run sets itself: its own topics, broker, registry, consumer group, transactions, checkpoints. */
  static final Set<String> OWNED_KEYS = Set.of("kafka.bootstrap_servers", "registry.url", "kafka.group_id",
      "kafka.transaction_id_prefix", "kafka.starting_offsets", "checkpointing.directory", "topics.labeled",
      "topics.requests", "topics.scores", "topics.snapshots", "topics.dead_letters", "topics.metrics", "job.name",
      "scorer.delivery", "feedback.topic", "job.task");

  /** The defaults of the sentiment job (the bundled configuration). */
  static final JobConfig SENTIMENT = JobConfig.defaults();
  /** The defaults of the recommendation job: every key at its default for {@code job.task: recommendation}. */
  static final JobConfig RECOMMENDATION = JobConfig.parse("job: {task: recommendation}", "benchmark settings");

  private BenchJob() {}

  /**
   * The configuration of run {@code run} of the job {@code defaults} configures, reading {@code labeled} and
   * {@code requests} and writing to topics named after the run.
   */
  static JobConfig config(JobConfig defaults, String run, String bootstrap, String labeled, String requests,
                          Path work, Map<String, String> phaseSettings, Map<String, String> userOverrides) {
    Map<String, String> owned = new LinkedHashMap<>();
    owned.put("job.name", "streamnet-bench-" + run);
    owned.put("kafka.bootstrap_servers", bootstrap);
    owned.put("registry.url", BenchKafka.REGISTRY.urls().get(0));
    owned.put("kafka.group_id", "bench-" + run);
    owned.put("kafka.transaction_id_prefix", "bench-" + run);
    owned.put("kafka.starting_offsets", "earliest");
    owned.put("checkpointing.directory", work.resolve(run + "-checkpoints").toUri().toString());
    owned.put("topics.labeled", labeled);
    owned.put("topics.requests", requests);
    owned.put("topics.scores", run + ".scores");
    owned.put("topics.snapshots", run + ".snapshots");
    owned.put("topics.dead_letters", run + ".dlq");
    owned.put("topics.metrics", run + ".metrics");
    owned.put("feedback.topic", run + ".feedback");
    return defaults
        .withOverrides(phaseSettings, "benchmark settings")
        .withOverrides(userOverrides, "--set")
        .withOverrides(owned, "benchmark settings");
  }

  /**
   * The topics the job writes to (and the feedback topic, which it also reads, when its loop is on), except the
   * snapshot topic (it needs configs of its own).
   */
  static List<String> outputs(JobConfig config) {
    Topics t = config.topics();
    List<String> out = new ArrayList<>(List.of(t.scores(), t.deadLetters(), t.metrics()));
    if (config.feedback().enabled()) {
      out.add(config.feedback().topic());
    }
    return out;
  }

  /** Starts the job on a local MiniCluster; returns at once. */
  static JobClient start(JobConfig config, boolean bounded) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1,
        JobFactory.flinkConfiguration(config));
    JobFactory.buildOnKafka(env, config, bounded);
    return env.executeAsync(config.job().name());
  }

  /** Waits for a bounded job to finish; its failure, if any, as an exception naming the run. */
  static void awaitFinished(JobClient job, String run, Duration deadline) throws Exception {
    try {
      job.getJobExecutionResult().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("job of run " + run + " failed: " + rootMessage(e), e);
    } catch (TimeoutException e) {
      cancel(job, Duration.ofSeconds(60));
      throw new IllegalStateException("job of run " + run + " did not finish within " + deadline.toMinutes()
          + " min (cancelled)");
    }
  }

  /** Cancels the job and waits, at most {@code wait}, until it has ended. */
  static void cancel(JobClient job, Duration wait) {
    try {
      job.cancel().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      job.getJobExecutionResult().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Cancelled (its result is an exception), already ended, or slow to stop: nothing more to do here.
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
