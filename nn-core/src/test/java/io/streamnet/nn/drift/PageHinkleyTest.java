package io.streamnet.nn.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageHinkleyTest {
    /**
     * delta 0.05, lambda 50, no forgetting. Between changes m_t - M_t is a reflected random walk with drift -delta;
     * it exceeds lambda with probability about exp(-2 delta lambda / variance) per excursion: exp(-31) for a 0/1
     * error stream at rate 0.2 (variance 0.16), exp(-20) for Gaussian noise of sd 0.5. (MOA's delta 0.005 would give
     * exp(-3.1): false alarms every few thousand values on such streams.)
     */
    private static PageHinkley detector(PageHinkley.Direction direction) {
        return new PageHinkley(0.05, 50, 1.0, 30, direction);
    }
    @Test
    void detectsAnIncreaseWithinBoundedDelayAndNotBefore() {
        double[] x = SyntheticStreams.bernoulli(7, 10_000, 5_000, 0.2, 0.6);
        PageHinkley ph = detector(PageHinkley.Direction.INCREASE);
        int detectedAt = -1;
        for (int t = 0; t < x.length; t++) {
            boolean change = ph.update(x[t]);
            if (change && t < 5_000) {
                throw new AssertionError("false alarm at " + t + " before the change");
            }
            if (change && detectedAt < 0) {
                detectedAt = t;
            }
        }
        // lambda 50 over an excess of about 0.35 per value: about 145 values, allow noise
        assertTrue(detectedAt >= 5_000 && detectedAt < 5_000 + 250, "detected at " + detectedAt);
    }

    @Test
    void increaseOnlyDetectorIgnoresADecreaseButTwoSidedCatchesIt() {
        double[] x = SyntheticStreams.gaussian(3, 8_000, 4_000, 1.0, 0.0, 0.5);
        PageHinkley up = detector(PageHinkley.Direction.INCREASE);
        for (double v : x) {
            up.update(v);
        }
        assertEquals(0, up.detections());
        PageHinkley both = detector(PageHinkley.Direction.BOTH);
        int at = SyntheticStreams.firstDetection(both, x, 0);
        assertTrue(at >= 4_000 && at < 4_000 + 150, "detected at " + at);
    }

    @Test
    void raisesNoAlarmOnAStationaryStream() {
        for (double[] x : new double[][] {SyntheticStreams.bernoulli(42, 100_000, 100_000, 0.2, 0.2),
            SyntheticStreams.gaussian(42, 100_000, 100_000, 0.25, 0.25, 0.5)}) {
            PageHinkley ph = detector(PageHinkley.Direction.BOTH);
            for (double v : x) {
                ph.update(v);
            }
            assertEquals(0, ph.detections());
            assertTrue(ph.statistic() < 50);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley().update(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new PageHinkley(0.005, 0, 1, 30, PageHinkley.Direction.BOTH));
    }
}
