package io.streamnet.nn.prequential;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The runner's progress line on stderr, rate-limited so that it costs nothing per event: on a terminal it
 * rewrites one line in place about four times a second; otherwise (logs, pipes) it prints a full line every few
 * seconds. {@link #maybeReport} is cheap to call after every batch.
 */
public final class ProgressReporter {
    private final PrintStream out;
    private final boolean inPlace;
    private final long intervalNanos;
    private long lastNanos;
    private boolean printed;

    /**
     * @param out      where lines go (stderr)
     * @param inPlace  rewrite one line with carriage returns (for a terminal) instead of printing new lines
     * @param interval minimum time between two lines, in milliseconds
     */
    public ProgressReporter(PrintStream out, boolean inPlace, long interval) {
        this.out = out;
        this.inPlace = inPlace;
        this.intervalNanos = interval * 1_000_000L;
        this.lastNanos = System.nanoTime();
    }

    /** For the runner's stderr: in place every 250 ms on a terminal, else a line every 5 s. */
    public static ProgressReporter forStderr() {
        boolean terminal = System.console() != null;
        return new ProgressReporter(System.err, terminal, terminal ? 250 : 5_000);
    }

    /** A reporter that prints nothing (tests, embedding). */
    public static ProgressReporter silent() {
        return new ProgressReporter(null, false, Long.MAX_VALUE / 2_000_000L);
    }

    /** Prints {@code line.get()} if the interval has passed since the last line. */
    public void maybeReport(Supplier<MetricsLine> line) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        printed = true;
        if (inPlace) {
            out.print("\r" + line.get() + "   ");
        } else {
            out.println("progress " + line.get());
        }
        out.flush();
    }

    /** Ends an in-place line so that what follows starts on a fresh line. */
    public void finish() {
        if (out != null && inPlace && printed) {
            out.println();
            out.flush();
        }
    }
}
