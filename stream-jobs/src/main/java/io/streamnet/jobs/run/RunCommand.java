package io.streamnet.jobs.run;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryException;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.jobs.config.ConfigException;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.cli.UsageException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streamnet run}: the sentiment job against the Kafka cluster and schema registry of a configuration file
 * (see {@link RunOptions#USAGE}), on a Flink MiniCluster in this process until Ctrl-C cancels it; the checkpoint
 * retained on cancellation is named so that the next run can resume from it. Under {@code flink run} the same
 * command submits the job to that cluster instead.
 *
 * <p>Exit status 0 when the job ends by itself (or was submitted to a cluster), 1 when it fails or cannot start
 * (Kafka or registry unreachable, topics missing), 2 on a usage or configuration error, 130 when cancelled.
 */
public final class RunCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  private static final Duration TICK = Duration.ofMillis(200);
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(90);

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;

  public RunCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command; returns the exit status. */
  public int run(String[] args) {
    try {
      return runOnce(args);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Cancels a running {@link #run} (from another thread: the shutdown hook on Ctrl-C) and waits, at most 90 s,
   * until the job has ended; {@code run} then returns 130.
   */
  public void stopAndWait() {
    stopRequested = true;
    try {
      finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int runOnce(String[] args) {
    RunOptions o;
    JobConfig config;
    try {
      RunOptions.Parsed parsed = RunOptions.parse(args);
      if (parsed.help()) {
        out.println(RunOptions.USAGE);
        return 0;
      }
      if (parsed.printConfig() != null) {
        out.print(JobConfig.defaultYaml(parsed.printConfig()));
        out.flush();
        return 0;
      }
      o = parsed.options();
      config = JobConfig.load(o.config()).withOverrides(o.overrides(), "--set");
    } catch (UsageException e) {
      err.println("streamnet run: " + e.getMessage() + " (streamnet run --help lists the options)");
      return 2;
    } catch (ConfigException e) {
      err.println("streamnet run: " + e.getMessage());
      return 2;
    }
    JobClient job = null;
    try {
      Map<String, Object> clientProps = new HashMap<>();
      config.kafkaProperties().forEach((k, v) -> clientProps.put(k.toString(), v));
      JobTopics.check(clientProps, config, o.createTopics());
      SchemaRegistries.connect(config.registryConfig()).verifyReachable();

      String restoreFrom = o.restoreFrom();
      if (o.resume()) {
        if (config.checkpointing().directory() == null) {
          err.println("streamnet run: --resume needs checkpointing.directory (where earlier runs kept checkpoints)");
          return 2;
        }
        Optional<java.nio.file.Path> newest = RetainedCheckpoints.newest(config.checkpointing().directory());
        restoreFrom = newest.map(java.nio.file.Path::toString).orElse(null);
        err.println("streamnet run: --resume: " + newest.map(p -> "the newest checkpoint is " + p)
            .orElse("no complete checkpoint under " + config.checkpointing().directory() + "; starting without one"));
      }
      if (restoreFrom != null) {
        RecoveredTransactions.explain(restoreFrom, config.kafkaProperties(), Instant.now());
      }
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
          JobLauncher.flinkConfiguration(config, restoreFrom));
      if (!(env instanceof LocalStreamEnvironment)) {
        // Under `flink run`: the cluster runs and owns the job; Flink's client waits for it or not (--detached).
        JobLauncher.execute(config, env);
        return 0;
      }
      job = JobLauncher.submit(config, env);
      String checkpoints = config.checkpointing().directory();
      err.println("streamnet run: job '" + config.job().name() + "' (" + job.getJobID() + ") runs on a local"
          + " MiniCluster" + (restoreFrom != null ? ", resumed from " + restoreFrom : "")
          + "; checkpoints every " + config.checkpointing().intervalMs() + " ms to "
          + (checkpoints != null ? checkpoints : "memory (set checkpointing.directory to resume after a stop)")
          + "; Ctrl-C cancels it");
      int status = awaitEnd(job);
      if (status == 130) {
        boolean ended = JobLauncher.cancel(job, CANCEL_WAIT);
        String id = job.getJobID().toString();
        job = null;
        Optional<java.nio.file.Path> retained = config.checkpointing().retainOnCancel()
            ? RetainedCheckpoints.latest(checkpoints, id) : Optional.empty();
        err.println("streamnet run: " + (ended ? "cancelled" : "cancellation requested, the job had not ended after "
            + CANCEL_WAIT.toSeconds() + " s") + retained.map(p -> "; resume with --resume (or --from-checkpoint " + p + ")").orElse(""));
      }
      return status;
    } catch (ConfigException e) {
      err.println("streamnet run: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | SchemaRegistryException
             | KafkaException | TopicAdmin.TopicAdminException e) {
      err.println("streamnet run: error: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("streamnet run: error: could not start the job: " + e);
      return 1;
    } finally {
      if (job != null) {
        JobLauncher.cancel(job, CANCEL_WAIT);
      }
    }
  }

  /** Waits until the job ends (0, or 1 when it failed) or a stop is requested (130). */
  private int awaitEnd(JobClient job) throws InterruptedException {
    var result = job.getJobExecutionResult();
    while (!stopRequested) {
      try {
        JobExecutionResult r = result.get(TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Job {} finished after {} ms", r.getJobID(), r.getNetRuntime());
        return 0;
      } catch (TimeoutException e) {
        // still running
      } catch (ExecutionException e) {
        if (stopRequested) {
          break;
        }
        err.println("streamnet run: error: the job failed: " + JobLauncher.failureOf(job, Duration.ofSeconds(1)));
        return 1;
      }
    }
    return 130;
  }
}
