package io.streamnet.jobs.run;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.job.JobFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/** Submits the job of a {@link JobConfig}, and the few things the CLI asks of a running job. */
public final class JobLauncher {
  private JobLauncher() {}

  /**
   * The Flink settings of {@code config}, resuming from {@code restoreFrom} (a retained checkpoint or savepoint)
   * when it is not null.
   */
  public static Configuration flinkConfiguration(JobConfig config, String restoreFrom) {
    Configuration flink = JobFactory.flinkConfiguration(config);
    if (restoreFrom != null) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    return flink;
  }

  /** Adds the job of {@code config}, on Kafka, to {@code env}. */
  public static void build(JobConfig config, StreamExecutionEnvironment env) {
    JobFactory.buildOnKafka(env, config, false);
  }

  /** Adds the job to {@code env} and starts it; returns at once. */
  public static JobClient submit(JobConfig config, StreamExecutionEnvironment env) throws Exception {
    build(config, env);
    return env.executeAsync(config.job().name());
  }

  /** Adds the job to {@code env} and runs it: on a cluster, waits for it unless the client is detached. */
  public static void execute(JobConfig config, StreamExecutionEnvironment env) throws Exception {
    build(config, env);
    env.execute(config.job().name());
  }

  /** The job's status, or null when it cannot be asked (its cluster has shut down: the job has ended). */
  public static JobStatus status(JobClient job, Duration wait) {
    try {
      return job.getJobStatus().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  /** Why a job that ended did: its failure, in one line, as far as the cluster can tell. */
  public static String failureOf(JobClient job, Duration wait) {
    try {
      job.getJobExecutionResult().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return "the job ended";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException e) {
      Throwable root = ExceptionUtils.findThrowable(e, t -> t.getCause() == null).orElse(e);
      return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    } catch (TimeoutException e) {
      return "no answer from the cluster within " + wait.toSeconds() + " s";
    }
  }

  /** Cancels the job and waits until it has ended; true when it did within {@code wait}. */
  public static boolean cancel(JobClient job, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      job.cancel().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      // Already ended, or its cluster is gone: the status below tells.
    }
    try {
      job.getJobExecutionResult().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true; // a cancelled job's result is an exception
    } catch (TimeoutException e) {
      return false;
    }
  }
}
