package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void rendersCountRateAndEta() {
        assertEquals("[##########>             ]  45.0%  45,000/100,000 events  90.0k ev/s  ETA 0:00:01",
                ReplayProgress.render(45_000, 100_000, SECOND / 2, true));
        assertEquals(" 10.0%  100/1,000 events  10 ev/s  ETA 0:01:30",
                ReplayProgress.render(100, 1_000, 10 * SECOND, false));
        assertEquals("[########################] 100.0%  2,000,000/2,000,000 events  1.00M ev/s  done in 0:00:02",
                ReplayProgress.render(2_000_000, 2_000_000, 2 * SECOND, true));
        assertEquals("  0.0%  0/10 events  0 ev/s  ETA --:--:--", ReplayProgress.render(0, 10, 0, false));
    }

    @Test
    void formatsClockAndRate() {
        assertEquals("1:01:01", ReplayProgress.clock(3661));
        assertEquals("0:00:01", ReplayProgress.clock(0.2), "rounded up: never ETA 0 while events remain");
        assertEquals("950", ReplayProgress.compact(950));
        assertEquals("12.3k", ReplayProgress.compact(12_345));
    }

    @Test
    void printsAtMostOneLinePerInterval() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplayProgress progress = new ReplayProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 5_000);
        progress.start(1_000, 0);
        for (long t = 0; t <= 12 * SECOND; t += SECOND / 100) {
            progress.update(() -> 10, t);
        }
        progress.finish(1_000, 13 * SECOND);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines)); // at 5 s, at 10 s, and the final line
        assertTrue(lines[0].startsWith("replay progress:   1.0%  10/1,000 events"), lines[0]);
        assertTrue(lines[2].contains("1,000/1,000 events") && lines[2].contains("done in 0:00:13"), lines[2]);
    }

    @Test
    void onATerminalRedrawsOneLineAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplayProgress progress = new ReplayProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 250);
        progress.start(100, 0);
        progress.update(() -> 50, SECOND);
        progress.finish(100, 2 * SECOND);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r["), text);
        assertEquals(2, text.chars().filter(c -> c == '\r').count());
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended");
    }

    @Test
    void silentPrintsNothingAndNeverReadsTheCount() {
        ReplayProgress progress = ReplayProgress.silent();
        progress.start(10, 0);
        progress.update(() -> {
            throw new AssertionError("read");
        }, 100 * SECOND);
        progress.finish(10, 100 * SECOND);
    }
}
