package io.streamnet.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, every few milliseconds, the CPU time of this whole JVM (broker, job, load generator: everything) and of
 * one or more groups of threads found by name (the trainer's task thread, or the scorer's: one per parallel
 * instance, summed; the edge scorer's stream threads). CPU time per event is what a busy, shared machine does not distort much: it says what
 * the pipeline costs, where wall-clock rates say what it got.
 */
final class CpuSampler implements AutoCloseable {
  /**
   * At {@code wallMillis}: CPU nanoseconds used so far by the JVM, and by each group's threads (-1 before one is
   * found).
   */
  record Sample(long wallMillis, long processCpuNanos, long[] groupCpuNanos, Map<String, Long> byThread) {}

  private static final long PERIOD_NANOS = 50_000_000L;

  private final List<String> threadPrefixes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  /** Each group's threads found so far: an operator's parallel instances start at about the same time. */
  private final long[][] threadIds;

  /**
   * @param threadPrefixes the start of each group's thread names, e.g. {@code "trainer ("}; the groups are
   *                       reported in this order
   */
  CpuSampler(String... threadPrefixes) {
    this.threadPrefixes = List.of(threadPrefixes);
    this.threadIds = new long[threadPrefixes.length][0];
    this.thread = new Thread(this::loop, "bench-cpu-sampler");
    this.thread.setDaemon(true);
  }

  CpuSampler start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!closed) {
      boolean breakdown = samples.size() % 10 == 0;
      long[] groups = new long[threadIds.length];
      for (int g = 0; g < threadIds.length; g++) {
        if (threadIds[g].length == 0 || breakdown) {
          threadIds[g] = find(threadPrefixes.get(g));
        }
        groups[g] = groupCpuNanos(g);
      }
      synchronized (samples) {
        // the per-thread breakdown (a /proc read per thread) only every tenth sample: it is the sampler's main cost
        samples.add(new Sample(System.currentTimeMillis(), os.getProcessCpuTime(), groups,
            breakdown ? byThread() : null));
      }
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  /** CPU nanoseconds so far of group {@code g}'s threads; -1 when none is found or one has ended. */
  private long groupCpuNanos(int g) {
    long t = threadIds[g].length == 0 ? -1 : 0;
    for (long id : threadIds[g]) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu < 0) {
        threadIds[g] = new long[0]; // one ended (the task restarted or finished)
        return -1;
      }
      t += cpu;
    }
    return t;
  }

  /** CPU nanoseconds so far of every live thread, by name with its digits replaced by '#' (pools summed). */
  private Map<String, Long> byThread() {
    Map<String, Long> m = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info != null && cpu > 0) {
        m.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
      }
    }
    jvmThreads(m);
    return m;
  }

  /** The JVM's own threads (GC, JIT compilers, VM thread), which the thread bean does not list, from /proc on Linux. */
  private static void jvmThreads(Map<String, Long> m) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (Stream<Path> all = Files.list(tasks)) {
      all.forEach(t -> {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(open + 1, close);
          if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("C1 Comp")
              || comm.startsWith("C2 Comp") || comm.startsWith("VM Thread") || comm.startsWith("VM Periodic")) {
            String[] f = stat.substring(close + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (fields 14, 15)
            m.merge("[jvm] " + comm.replaceAll("[0-9]+", "#"), ticks * 10_000_000L, Long::sum); // USER_HZ 100
          }
        } catch (IOException | RuntimeException e) {
          // a thread that ended while listed
        }
      });
    } catch (IOException e) {
      // no breakdown of the JVM's own threads
    }
  }

  /**
   * The {@code top} thread groups by CPU microseconds per event between two times (threads that ended in between are
   * missing), for the log: where a pipeline's CPU goes.
   */
  String topThreads(long fromMillis, long toMillis, long events, int top) {
    Sample a = atWithThreads(fromMillis);
    Sample b = atWithThreads(toMillis);
    if (a == null || b == null || a == b || events <= 0) {
      return "";
    }
    // the breakdown's samples are up to 250 ms off the part's ends: scale the events to their interval (uniform rate)
    double span = (double) (b.wallMillis() - a.wallMillis()) / Math.max(1, toMillis - fromMillis);
    long n = Math.max(1, Math.round(events * span));
    Map<String, Double> d = new HashMap<>();
    b.byThread().forEach((k, v) -> d.put(k, (v - a.byThread().getOrDefault(k, 0L)) / 1e3 / n));
    double javaThreads = d.values().stream().mapToDouble(Double::doubleValue).sum();
    d.put("(rest: ended threads, other JVM-internal)",
        (b.processCpuNanos() - a.processCpuNanos()) / 1e3 / n - javaThreads);
    StringBuilder sb = new StringBuilder();
    d.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(top)
        .forEach(e -> sb.append(String.format(Locale.ROOT, "%n  %7.2f us/event  %s", e.getValue(), e.getKey())));
    return sb.toString();
  }

  /** The ids of the live threads named with the prefix (the thread bean, without stack traces). */
  private long[] find(String threadPrefix) {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && infos[i].getThreadName().startsWith(threadPrefix)) {
        ids[n++] = ids[i];
      }
    }
    return java.util.Arrays.copyOf(ids, n);
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

  /** The sample holding a per-thread breakdown taken nearest to {@code wallMillis}, or null when there is none. */
  private Sample atWithThreads(long wallMillis) {
    synchronized (samples) {
      Sample best = null;
      for (Sample s : samples) {
        if (s.byThread() != null
            && (best == null || Math.abs(s.wallMillis() - wallMillis) < Math.abs(best.wallMillis() - wallMillis))) {
          best = s;
        }
      }
      return best;
    }
  }

  /**
   * CPU microseconds per event between two times: {@code [jvm, group 0, group 1, ...]}, NaN where not measured (a
   * group whose threads were not found, or changed, at either end).
   */
  double[] microsPerEvent(long fromMillis, long toMillis, long events) {
    double[] out = new double[1 + threadPrefixes.size()];
    java.util.Arrays.fill(out, Double.NaN);
    Sample a = at(fromMillis);
    Sample b = at(toMillis);
    if (a == null || b == null || events <= 0) {
      return out;
    }
    out[0] = (b.processCpuNanos() - a.processCpuNanos()) / 1e3 / events;
    for (int g = 0; g < threadPrefixes.size(); g++) {
      long from = a.groupCpuNanos()[g];
      long to = b.groupCpuNanos()[g];
      if (from >= 0 && to >= from) {
        out[1 + g] = (to - from) / 1e3 / events;
      }
    }
    return out;
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
