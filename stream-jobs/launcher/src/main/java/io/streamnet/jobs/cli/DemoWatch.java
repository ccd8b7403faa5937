package io.streamnet.jobs.cli;

import io.streamnet.jobs.run.JobLauncher;

import io.streamnet.connect.replay.ReplayResult;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.schema.TrainingMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running demo: waits for the job to come up, then shows progress about once a second until the replay
 * is done, every labeled event has been applied and every request has a committed answer (both read from the job's
 * output with read_committed); or until the job ends, the timeout passes, or a stop is requested.
 */
final class DemoWatch {
  private static final Logger LOG = LoggerFactory.getLogger(DemoWatch.class);
  /** The job must be up (its trainer reporting) within this; a MiniCluster starts in a few seconds. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TICK = Duration.ofMillis(100);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  private static final Duration STATUS_WAIT = Duration.ofSeconds(10);
  /**
   * Once everything is applied and scored, how long the demo waits for a committed scorer record with the final count
   * of the requests that waited for the first model; the scorer writes one as soon as that count is final.
   */
  static final Duration FIGURES_WAIT = Duration.ofSeconds(15);

  /**
   * What the wait for the end found.
   *
   * @param replay         the replay's result (null if stopped before it ended)
   * @param committed      the committed output at the end (null on error or stop)
   * @param trainerHistory the committed trainer metrics records, in order (the learning curve's points)
   * @param elapsedSeconds from the start of the replay to the end
   * @param error          why the demo failed, or null
   */
  record Outcome(ReplayResult replay, OutputObserver.Observation committed, List<TrainingMetrics> trainerHistory,
                 double elapsedSeconds, String error) {
    static Outcome error(String message) {
      return new Outcome(null, null, List.of(), 0, message);
    }
  }

  private final DemoProgress progress;
  private final BooleanSupplier stopRequested;
  private final JobClient job;
  private final OutputObserver<?> live;
  private final OutputObserver<?> committed;
  private final DemoTask task;

  DemoWatch(DemoProgress progress, BooleanSupplier stopRequested, JobClient job, OutputObserver<?> live,
            OutputObserver<?> committed, DemoTask task) {
    this.progress = progress;
    this.stopRequested = stopRequested;
    this.job = job;
    this.live = live;
    this.committed = committed;
    this.task = task;
  }

  /** Waits until the trainer reports (the job is up); null when it does (or a stop is requested), else why not. */
  String awaitTrainer() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    long nextStatus = 0;
    while (live.observation().lastTrainer() == null) {
      if (stopRequested.getAsBoolean()) {
        return null;
      }
      long now = System.nanoTime();
      if (now > deadline) {
        return "the job did not start within " + START_TIMEOUT.toSeconds() + " s (no metrics from its trainer)";
      }
      if (now >= nextStatus) {
        String ended = endedBecause();
        if (ended != null) {
          return ended;
        }
        nextStatus = now + PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(TICK.toMillis());
    }
    LOG.info("Job is running: its trainer reports; starting the replay");
    return null;
  }

  /**
   * Waits for the end of the demo whose replay started at {@code startNanos}.
   *
   * @param labeled the training ids of the labeled events replayed (count and digest), as the trainer accounts them
   * @param timeout how long after the replay's end the job may take to apply and answer everything
   */
  Outcome awaitEnd(DemoEvents events, CompletableFuture<AppliedEvents> labeled, CompletableFuture<ReplayResult> replay,
                   Duration timeout, long startNanos) throws InterruptedException {
    long nextProgress = 0;
    long replayDoneAt = 0;
    long completeAt = 0;
    ReplayResult result = null;
    while (!stopRequested.getAsBoolean()) {
      long now = System.nanoTime();
      if (result == null && replay.isDone()) {
        result = replay.join();
        replayDoneAt = now;
        if (!result.succeeded()) {
          return Outcome.error("the replay failed: " + result.failed() + " events not sent; first failure: "
              + result.firstError());
        }
        LOG.info("Replay done: {} labeled events and {} requests sent in {} s", result.labeled(), result.requests(),
            String.format(Locale.ROOT, "%.1f", result.elapsedNanos() / 1e9));
      }
      if (now >= nextProgress) {
        showProgress(events, now - startNanos);
        nextProgress = now + PROGRESS_EVERY.toNanos();
        String ended = endedBecause();
        if (ended != null) {
          return Outcome.error(ended);
        }
      }
      if (result != null) {
        OutputObserver.Observation c = committed.observation();
        // Every event was sent, so the ids of the labeled ones are known (computed while the job started).
        AppliedEvents expected = labeled.join();
        if (c.applied(expected) && c.distinctScored() >= result.requests()) {
          completeAt = completeAt == 0 ? now : completeAt;
          if (bufferedCount(c, result.requests()) >= 0 || now - completeAt > FIGURES_WAIT.toNanos()) {
            showProgress(events, now - startNanos);
            return new Outcome(result, c, committed.trainerHistory(), (completeAt - startNanos) / 1e9, null);
          }
        }
        if (now - replayDoneAt > timeout.toNanos()) {
          return Outcome.error(timedOut(timeout, result, c, expected));
        }
      }
      Thread.sleep(TICK.toMillis());
    }
    return new Outcome(result, null, List.of(), 0, null);
  }

  /** Why the wait timed out: what the trainer had applied and how many requests had an answer. */
  static String timedOut(Duration timeout, ReplayResult result, OutputObserver.Observation c, AppliedEvents labeled) {
    double applied = c.trainer("applied_events");
    double refused = c.trainer("refused_events");
    return String.format(Locale.ROOT, "timed out: %d s after the last event was sent, the trainer had applied %,d"
            + " events of the %,d labeled ones and %,d fed back (%s refused), and %,d of %,d requests had a committed"
            + " answer (raise --timeout, or lower --rate)", timeout.toSeconds(),
        Double.isNaN(applied) ? 0 : (long) applied, labeled.count(), c.fedBack(),
        Double.isNaN(refused) ? "none" : String.format(Locale.ROOT, "%,d", (long) refused), c.distinctScored(),
        result.requests());
  }

  /**
   * Requests that came before the first model and waited for it, from the newest scorer record, once the count is
   * final: the scorer says so (it has answered a request that came later), or every one of the {@code requests}
   * waited (on a slow start the first model can come after the last request); -1 until then.
   */
  static long bufferedCount(OutputObserver.Observation c, long requests) {
    double buffered = c.scorer("buffered_scored");
    if (Double.isNaN(buffered) || (c.scorer("buffered_final") != 1.0 && buffered < requests)) {
      return -1;
    }
    return (long) buffered;
  }

  private void showProgress(DemoEvents events, long elapsedNanos) {
    progress.show(DemoProgress.render(elapsedNanos / 1e9, events.taken(), events.size(), live.observation(),
        events.requestsTaken(), task));
  }

  /** Null while the job runs; otherwise why it ended. */
  private String endedBecause() {
    JobStatus status = JobLauncher.status(job, STATUS_WAIT);
    if (status != null && !status.isGloballyTerminalState()) {
      return null;
    }
    return "the job " + (status == null ? "ended" : status.name().toLowerCase(Locale.ROOT)) + ": "
        + JobLauncher.failureOf(job, STATUS_WAIT);
  }
}
