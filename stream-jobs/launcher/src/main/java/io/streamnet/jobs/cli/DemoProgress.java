package io.streamnet.jobs.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The demo's live progress line on stderr: events sent, training rate, the task's headline figure (prequential
 * accuracy, HR@10), model version, freshness and answered requests. On a terminal one line is redrawn in place;
 * elsewhere each update is a new line.
 */
final class DemoProgress {
  private final PrintStream out;
  private final boolean inPlace;
  private int lastLength;
  private String lastLine;

  DemoProgress(PrintStream out, boolean inPlace) {
    this.out = out;
    this.inPlace = inPlace;
  }

  /** For stderr: redrawn in place when stderr is a terminal. */
  static DemoProgress forStderr(PrintStream err) {
    return new DemoProgress(err, System.console() != null);
  }

  /** Shows {@code line}, unless it is the line already shown. */
  void show(String line) {
    if (line.equals(lastLine)) {
      return;
    }
    lastLine = line;
    if (inPlace) {
      // Pad over the rest of a longer previous line.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the redrawn line, so that what follows starts on a line of its own. */
  void finish() {
    if (inPlace && lastLength > 0) {
      out.println();
      out.flush();
      lastLength = 0;
    }
  }

  /**
   * One progress line, e.g. {@code demo 12.0s | sent 3,000/3,000 | trained 2,688 at 540 ev/s | accuracy 0.7412 |
   * model 1.41 | freshness p50 310 ms | scored 280/312}.
   *
   * @param elapsedSeconds since the replay started
   * @param sent           events sent so far
   * @param total          events to send
   * @param live           what the job has written so far (read_uncommitted)
   * @param requestsSent   requests sent so far (the scored count's denominator)
   * @param task           which trainer figure to show ({@link DemoTask#headlineKey()})
   */
  static String render(double elapsedSeconds, long sent, long total, OutputObserver.Observation live,
                       long requestsSent, DemoTask task) {
    StringBuilder s = new StringBuilder(128);
    s.append(String.format(Locale.ROOT, "demo %5.1fs | sent %,d/%,d", elapsedSeconds, sent, total));
    double applied = live.trainer("applied_events");
    if (live.lastTrainer() == null) {
      s.append(" | trainer starting");
    } else {
      s.append(String.format(Locale.ROOT, " | trained %,d at %s ev/s", Double.isNaN(applied) ? 0 : (long) applied,
          whole(live.trainer("events_per_s"))));
      double headline = live.trainer(task.headlineKey());
      s.append(" | ").append(task.headlineLabel()).append(' ')
          .append(Double.isNaN(headline) ? "-" : DemoSummary.fixed(headline, 4));
      s.append(" | model ").append(live.lastTrainer().getModelEpoch()).append('.')
          .append(live.lastTrainer().getModelVersion());
    }
    double freshness = live.scorer("freshness_p50_ms");
    s.append(" | freshness p50 ").append(Double.isNaN(freshness) ? "-" : whole(freshness) + " ms");
    s.append(String.format(Locale.ROOT, " | scored %,d/%,d", live.distinctScored(), requestsSent));
    return s.toString();
  }

  private static String whole(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%,.0f", d) : "-";
  }
}
