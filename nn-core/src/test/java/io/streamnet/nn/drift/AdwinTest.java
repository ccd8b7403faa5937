package io.streamnet.nn.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdwinTest {
    @Test
    void detectsAnErrorRateJumpWithinBoundedDelayAndNotBefore() {
        // error rate 0.2 -> 0.6 at t=5000, as when a model's input distribution changes abruptly
        double[] x = SyntheticStreams.bernoulli(7, 10_000, 5_000, 0.2, 0.6);
        Adwin adwin = new Adwin();
        int detectedAt = -1;
        for (int t = 0; t < x.length; t++) {
            boolean change = adwin.update(x[t]);
            if (change && t < 5_000) {
                throw new AssertionError("false alarm at " + t + " before the change");
            }
            if (change && detectedAt < 0) {
                detectedAt = t;
            }
        }
        assertTrue(detectedAt >= 5_000 && detectedAt < 5_000 + 200, "detected at " + detectedAt);
        // after the change ADWIN shrank its window to the new regime and estimates the new mean
        assertTrue(adwin.width() < 5_000 + 500, "width " + adwin.width());
        assertEquals(0.6, adwin.estimate(), 0.05);
    }

    @Test
    void detectsAGaussianMeanShift() {
        double[] x = SyntheticStreams.gaussian(11, 6_000, 3_000, 0.0, 0.5, 1.0);
        int at = SyntheticStreams.firstDetection(new Adwin(), x, 0);
        assertTrue(at >= 3_000 && at < 3_000 + 400, "detected at " + at);
    }

    @Test
    void raisesNoAlarmOnALongStationaryStream() {
        double[] x = SyntheticStreams.bernoulli(42, 100_000, 100_000, 0.3, 0.3);
        Adwin adwin = new Adwin();
        for (double v : x) {
            adwin.update(v);
        }
        assertEquals(0, adwin.detections());
        assertEquals(100_000, adwin.width()); // nothing dropped: the whole stream is one regime
        assertEquals(0.3, adwin.estimate(), 0.01);
    }

    @Test
    void windowStatisticsMatchTheValuesHeld() {
        Adwin adwin = new Adwin(0.002, 5, 1);
        double sum = 0;
        for (int i = 0; i < 1000; i++) {
            adwin.update(i % 3);
            sum += i % 3;
        }
        assertEquals(1000, adwin.width());
        assertEquals(sum / 1000, adwin.estimate(), 1e-12);
    }

    @Test
    void aRestoredDetectorDecidesAsTheOriginal() throws IOException {
        Random random = new Random(5);
        Adwin original = new Adwin(0.002, 5, 1);
        for (int i = 0; i < 3_000; i++) {
            original.update(random.nextGaussian() * 0.1 + 0.3);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.write(new DataOutputStream(bytes));
        Adwin restored = Adwin.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(original.width(), restored.width());
        assertEquals(original.estimate(), restored.estimate());
        for (int i = 0; i < 3_000; i++) {
            double v = random.nextGaussian() * 0.1 + (i < 1_000 ? 0.3 : 0.6); // a shift after 1,000 more values
            assertEquals(original.update(v), restored.update(v), "value " + i);
            assertEquals(original.width(), restored.width(), "value " + i);
        }
        assertEquals(original.detections(), restored.detections());
        assertTrue(restored.detections() > 0, "the shift was detected");
    }

    @Test
    void rejectsNonFiniteInputAndBadParameters() {
        Adwin adwin = new Adwin();
        assertThrows(IllegalArgumentException.class, () -> adwin.update(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adwin(0.0));
        assertThrows(IllegalArgumentException.class, () -> new Adwin(0.1, 1, 32));
        adwin.update(1);
        adwin.reset();
        assertEquals(0, adwin.width());
        assertEquals(0, adwin.count());
    }
}
