package io.streamnet.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    @Test
    void accuracyPredictsPositiveAboveOneHalf() {
        Accuracy a = new Accuracy();
        assertTrue(Double.isNaN(a.value()));
        double[] p = {0.9, 0.2, 0.6, 0.5};
        int[] y = {1, 0, 0, 1};
        for (int i = 0; i < p.length; i++) {
            a.update(p[i], y[i]);
        }
        // right: 0.9->1, 0.2->0; wrong: 0.6->1 (label 0), 0.5->0 (label 1)
        assertEquals(0.5, a.value(), 0.0);
        assertEquals(4, a.count());
    }

    @Test
    void logLossIsMeanCrossEntropyWithClipping() {
        LogLoss l = new LogLoss();
        l.update(0.8, 1); // -ln 0.8 = 0.2231435513
        l.update(0.3, 0); // -ln 0.7 = 0.3566749439
        assertEquals((0.2231435513 + 0.3566749439) / 2, l.value(), 1e-9);
        LogLoss clipped = new LogLoss();
        clipped.update(0.0, 1); // -ln(1e-7) = 16.118095651
        assertEquals(16.118095651, clipped.value(), 1e-6);
    }

    @Test
    void rmseAndMaeOfHandComputedErrors() {
        Rmse rmse = new Rmse();
        Mae mae = new Mae();
        double[] pred = {3, 4, 5};
        double[] actual = {2, 4, 3};
        for (int i = 0; i < 3; i++) {
            rmse.update(pred[i], actual[i]);
            mae.update(pred[i], actual[i]);
        }
        assertEquals(Math.sqrt(5.0 / 3.0), rmse.value(), 1e-12); // errors 1, 0, 2
        assertEquals(1.0, mae.value(), 1e-12);
    }

    @Test
    void rejectsInvalidInputNamingIt() {
        Accuracy a = new Accuracy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.update(0.5, 2));
        assertTrue(e.getMessage().contains("got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.update(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogLoss().update(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Rmse().update(Double.POSITIVE_INFINITY, 1));
        assertEquals(0, a.count());
    }
}
