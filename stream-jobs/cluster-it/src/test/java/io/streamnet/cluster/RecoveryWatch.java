package io.streamnet.cluster;

import java.util.concurrent.atomic.AtomicLong;

/** Polls a job's state after a kill: when it left RUNNING and when every task was RUNNING again. */
final class RecoveryWatch extends Thread {
  final AtomicLong leftRunningAt = new AtomicLong();
  final AtomicLong runningAgainAt = new AtomicLong();
  volatile boolean stop;
  private final FlinkRest rest;
  private final String jobId;

  RecoveryWatch(FlinkRest rest, String jobId) {
    super("recovery-watch");
    setDaemon(true);
    this.rest = rest;
    this.jobId = jobId;
  }

  @Override
  public void run() {
    while (!stop && runningAgainAt.get() == 0) {
      try {
        String state = rest.job(jobId).path("state").asText();
        long now = System.nanoTime();
        if (leftRunningAt.get() == 0 && !"RUNNING".equals(state)) {
          leftRunningAt.set(now);
        } else if (leftRunningAt.get() != 0 && rest.fullyRunning(jobId)) {
          runningAgainAt.set(now);
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the REST call timed out on a busy machine: ask again
      }
    }
  }
}
