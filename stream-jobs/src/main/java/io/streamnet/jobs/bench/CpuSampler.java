package io.streamnet.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, every few milliseconds, the CPU time of this whole JVM (broker, job, load generator: everything) and of
 * one thread of the job found by name (the trainer's or the scorer's task thread). CPU time per event is what a busy,
 * shared machine does not distort much: it says what the pipeline costs, where wall-clock rates say what it got.
 */
final class CpuSampler implements AutoCloseable {
  /** At {@code wallMillis}: CPU nanoseconds used so far by the JVM, and by the thread (-1 before it is found). */
  record Sample(long wallMillis, long processCpuNanos, long threadCpuNanos) {}

  private static final long PERIOD_NANOS = 50_000_000L;

  private final String threadPrefix;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private long threadId = -1;

  /** @param threadPrefix the start of the task thread's name, e.g. {@code "trainer ("} */
  CpuSampler(String threadPrefix) {
    this.threadPrefix = threadPrefix;
    this.thread = new Thread(this::loop, "bench-cpu-sampler");
    this.thread.setDaemon(true);
  }

  CpuSampler start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!closed) {
      long t = -1;
      if (threadId < 0) {
        threadId = find();
      }
      if (threadId >= 0) {
        t = threads.getThreadCpuTime(threadId);
        if (t < 0) {
          threadId = -1; // ended (the task restarted or finished)
        }
      }
      synchronized (samples) {
        samples.add(new Sample(System.currentTimeMillis(), os.getProcessCpuTime(), t));
      }
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  private long find() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(threadPrefix)) {
        return t.getId();
      }
    }
    return -1;
  }

  /** The sample taken nearest to {@code wallMillis}, or null when there is none. */
  Sample at(long wallMillis) {
    synchronized (samples) {
      Sample best = null;
      for (Sample s : samples) {
        if (best == null || Math.abs(s.wallMillis() - wallMillis) < Math.abs(best.wallMillis() - wallMillis)) {
          best = s;
        }
      }
      return best;
    }
  }

  /** CPU microseconds per event between two times: {@code [jvm, thread]}, NaN where not measured. */
  double[] microsPerEvent(long fromMillis, long toMillis, long events) {
    Sample a = at(fromMillis);
    Sample b = at(toMillis);
    if (a == null || b == null || events <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double jvm = (b.processCpuNanos() - a.processCpuNanos()) / 1e3 / events;
    double task = a.threadCpuNanos() >= 0 && b.threadCpuNanos() >= a.threadCpuNanos()
        ? (b.threadCpuNanos() - a.threadCpuNanos()) / 1e3 / events : Double.NaN;
    return new double[] {jvm, task};
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
