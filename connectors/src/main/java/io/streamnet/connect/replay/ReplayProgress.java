package io.streamnet.connect.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The replay's progress on stderr: events acknowledged, share done, rate and ETA. On a terminal it redraws one line
 * with a bar four times a second; elsewhere (logs, pipes) it prints a plain line every few seconds. {@link #update}
 * is cheap enough to call after every event: it only reads the clock until the interval has passed.
 */
public final class ReplayProgress {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean inPlace;
    private final long intervalNanos;
    private long total;
    private long startNanos;
    private long lastNanos;
    private boolean printed;

    /**
     * @param out            where lines go, or null for none
     * @param inPlace        redraw one line with a bar (a terminal) instead of printing new lines
     * @param intervalMillis minimum time between two updates
     */
    public ReplayProgress(PrintStream out, boolean inPlace, long intervalMillis) {
        this.out = out;
        this.inPlace = inPlace;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** For stderr: a bar redrawn every 250 ms on a terminal, otherwise a line every 5 s. */
    public static ReplayProgress forStderr() {
        boolean terminal = System.console() != null;
        return new ReplayProgress(System.err, terminal, terminal ? 250 : 5_000);
    }

    /** Prints nothing. */
    public static ReplayProgress silent() {
        return new ReplayProgress(null, false, 0);
    }

    /** Marks the start of a replay of {@code totalEvents} events. */
    public void start(long totalEvents, long nowNanos) {
        this.total = totalEvents;
        this.startNanos = nowNanos;
        this.lastNanos = nowNanos;
    }

    /** Prints the progress if the interval has passed since the last update; {@code done} is read only then. */
    public void update(LongSupplier done, long nowNanos) {
        if (out == null || nowNanos - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = nowNanos;
        print(done.getAsLong(), nowNanos);
    }

    /** Prints the final state (on a terminal: completes the bar and ends its line). */
    public void finish(long done, long nowNanos) {
        if (out == null) {
            return;
        }
        if (inPlace) {
            print(done, nowNanos);
            out.println();
            out.flush();
        } else if (printed) {
            print(done, nowNanos);
        }
    }

    private void print(long done, long nowNanos) {
        printed = true;
        String line = render(done, total, nowNanos - startNanos, inPlace);
        if (inPlace) {
            out.print("\r" + line + "  ");
        } else {
            out.println("replay progress: " + line);
        }
        out.flush();
    }

    /**
     * One progress line, e.g. {@code [#########>           ]  45.2%  45,600/100,836 events  91.2k ev/s  ETA 0:00:01}.
     *
     * @param elapsedNanos time since the start
     * @param bar          draw the bar
     */
    static String render(long done, long total, long elapsedNanos, boolean bar) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double share = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        StringBuilder s = new StringBuilder(96);
        if (bar) {
            int filled = (int) Math.floor(share * BAR_WIDTH);
            s.append('[').append("#".repeat(filled));
            if (filled < BAR_WIDTH) {
                s.append('>').append(" ".repeat(BAR_WIDTH - filled - 1));
            }
            s.append("] ");
        }
        s.append(String.format(Locale.ROOT, "%5.1f%%  %,d/%,d events  %s ev/s  ", share * 100, done, total,
                compact(rate)));
        if (done >= total) {
            s.append("done in ").append(clock(seconds));
        } else if (rate > 0) {
            s.append("ETA ").append(clock((total - done) / rate));
        } else {
            s.append("ETA --:--:--");
        }
        return s.toString();
    }

    /** {@code 950}, {@code 91.2k}, {@code 1.25M}. */
    static String compact(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", rate / 1e6);
        }
        if (rate >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }

    /** {@code h:mm:ss}, rounded up to the next second. */
    static String clock(double seconds) {
        long s = (long) Math.ceil(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
