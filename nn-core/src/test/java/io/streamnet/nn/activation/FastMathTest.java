package io.streamnet.nn.activation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastMathTest {
    @Test
    void tanhMatchesTheLibraryToFarBelowFloatPrecision() {
        double worst = 0;
        for (double x = -30; x <= 30; x += 0.000731) {
            double want = Math.tanh(x);
            double got = FastMath.tanh(x);
            double rel = want == 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
            worst = Math.max(worst, rel);
        }
        for (double x : new double[] {0, 1e-300, -1e-12, 1e-6, 9.99e-4, 1e-3, 1.0001e-3, -5e-4}) {
            double want = Math.tanh(x);
            assertEquals(want, FastMath.tanh(x), Math.abs(want) * 1e-12 + 1e-300, "tanh(" + x + ")");
        }
        assertTrue(worst < 1e-12, "worst relative error " + worst);
        assertEquals(1.0, FastMath.tanh(1000));
        assertEquals(-1.0, FastMath.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)));
    }
}
