package io.streamnet.cluster;

import java.util.concurrent.atomic.AtomicLong;

/** Polls a job after a kill: when it stopped being fully running and when every task was RUNNING again. */
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
        // Not fully running is the signal, not the job's state alone: the job is RESTARTING for only the restart
        // delay, which a poll can miss on a busy machine (a REST call timing out), while its tasks stay
        // unscheduled until the new TaskManager has registered.
        boolean running = rest.fullyRunning(jobId);
        long now = System.nanoTime();
        if (leftRunningAt.get() == 0 && !running) {
          leftRunningAt.set(now);
        } else if (leftRunningAt.get() != 0 && running) {
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
