package io.streamnet.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every end-to-end benchmark main does around its rounds: a work directory deleted afterwards, warm-up rounds
 * (logged, not counted), measured rounds (one {@code key=value} line each on stdout) and the medians line.
 */
final class BenchRounds {
  private static final Logger LOG = LoggerFactory.getLogger(BenchRounds.class);

  private BenchRounds() {}

  /** A benchmark's work in a directory of its own. */
  @FunctionalInterface
  interface Work {
    int run(Path work) throws Exception;
  }

  /**
   * Runs {@code body} in a fresh temporary directory, deleted afterwards; its exit status, or 1 when it failed (the
   * failure logged and said on {@code err}, prefixed with {@code benchmark}).
   */
  static int inWorkDirectory(String benchmark, PrintStream err, Work body) {
    Path work = null;
    try {
      work = Files.createTempDirectory("streamnet-bench-");
      return body.run(work);
    } catch (Exception e) {
      LOG.error("benchmark failed: {}", BenchJob.rootMessage(e), e);
      err.println(benchmark + ": failed: " + BenchJob.rootMessage(e));
      return 1;
    } finally {
      deleteQuietly(work);
    }
  }

  /**
   * {@code warmupRounds} rounds of {@code task} whose lines go to the log, then {@code rounds} rounds, each line on
   * {@code out} as it ends ({@code round=N load1=... } then the task's figures), then {@code medians rounds=N ...}.
   */
  static void run(int warmupRounds, int rounds, BenchTask task, PrintStream out) throws Exception {
    for (int w = 1; w <= warmupRounds; w++) {
      LOG.info("warm-up round {} of {} (not counted): {}", w, warmupRounds, round("w" + w, w, task));
    }
    List<SummaryLine> lines = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      SummaryLine line = round("r" + r, r, task);
      out.println(line);
      out.flush();
      lines.add(line);
    }
    SummaryLine medians = new SummaryLine().put("rounds", lines.size());
    SummaryLine.medians(lines).asMap().forEach((k, v) -> {
      if (!k.equals("round")) {
        medians.put(k, v);
      }
    });
    out.println("medians " + medians);
  }

  private static SummaryLine round(String name, int number, BenchTask task) throws Exception {
    return new SummaryLine().put("round", number).put("load1", loadAverage()).putAll("", task.round(name));
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the benchmark's work directory {}: {}", dir, e.getMessage());
    }
  }
}
