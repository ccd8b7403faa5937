package io.streamnet.jobs.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Waits while watching that a measured run is healthy (the job, the output readers, the load generators and any
 * other part the run adds, e.g. the edge scorer), and fails the run fast when one is not: a failed part would
 * otherwise show up only as missing answers after the drain time.
 *
 * @param others further parts: each says why it failed, or null while it is fine
 */
record RunHealth(JobClient job, List<TopicFollower<?>> followers, List<PacedSender> senders,
                 List<Supplier<String>> others) {
  private static final long TICK_NANOS = 200_000_000L;

  RunHealth(JobClient job, List<TopicFollower<?>> followers, List<PacedSender> senders) {
    this(job, followers, senders, List.of());
  }

  void pause(Duration d) {
    awaitOrTimeout(d, () -> false);
  }

  void await(String what, Duration deadline, BooleanSupplier condition) {
    if (!awaitOrTimeout(deadline, condition)) {
      throw new IllegalStateException("timed out after " + deadline.toSeconds() + " s waiting for " + what);
    }
  }

  /** True once {@code condition} holds, false when {@code d} has passed first. */
  boolean awaitOrTimeout(Duration d, BooleanSupplier condition) {
    long until = System.nanoTime() + d.toNanos();
    long nextStatus = 0;
    while (!condition.getAsBoolean()) {
      long now = System.nanoTime();
      if (now >= until) {
        return false;
      }
      if (now >= nextStatus) {
        check();
        nextStatus = now + 1_000_000_000L;
      }
      LockSupport.parkNanos(Math.min(TICK_NANOS, until - now));
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("interrupted");
      }
    }
    return true;
  }

  private void check() {
    JobStatus s = status(job);
    if (s != null && s.isGloballyTerminalState()) {
      throw new IllegalStateException("the job ended (" + s + ") during the scoring phase");
    }
    for (TopicFollower<?> f : followers) {
      if (f.failure() != null) {
        throw new IllegalStateException("an output reader failed: " + f.failure(), f.failure());
      }
    }
    for (PacedSender p : senders) {
      if (p.firstError() != null) {
        throw new IllegalStateException("a load generator failed: " + p.firstError());
      }
    }
    for (Supplier<String> other : others) {
      String failure = other.get();
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
  }

  /** The job's status, or null when it could not be had in time. */
  static JobStatus status(JobClient job) {
    try {
      return job.getJobStatus().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }
}
