package io.streamnet.nn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recurrent cells' float sigmoid and tanh against double references, over every float magnitude that matters. */
class GateFunctionsTest {
    /** Error in units in the last place of the float nearest the exact value. */
    private static double ulps(float got, double want) {
        return Math.abs(got - want) / Math.ulp((float) want);
    }

    private interface Check {
        void at(float x);
    }

    /** Every 251st float of [from, to] by bit pattern: all magnitudes alike, from the tiniest to the largest. */
    private static void overFloats(float from, float to, Check check) {
        for (float sign : new float[] {1f, -1f}) {
            for (int bits = 0; bits < 0x7f800000; bits += 251) {
                float x = sign * Float.intBitsToFloat(bits);
                if (x >= from && x <= to) check.at(x);
            }
        }
    }

    /** Float function against a double reference: the largest error in ulps over [from, to], and where. */
    private interface Reference {
        double at(float x);
    }

    private interface Function {
        float at(float x);
    }

    private static void assertWithinUlps(String name, Function f, Reference want, float from, float to, double limit) {
        double[] worst = {0, 0};
        overFloats(from, to, x -> {
            double e = ulps(f.at(x), want.at(x));
            if (e > worst[0]) {
                worst[0] = e;
                worst[1] = x;
            }
        });
        assertTrue(worst[0] <= limit, name + ": " + worst[0] + " ulp at " + worst[1]);
    }

    @Test
    void sigmoidIsWithinTwoAndAHalfUlpsDownToItsClamp() {
        assertWithinUlps("sigmoid", GateFunctions::sigmoid, x -> 1 / (1 + Math.exp(-(double) x)), -87f, 100f, 2.5);
    }

    @Test
    void tanhIsWithinTwoAndAHalfUlps() {
        assertWithinUlps("tanh", GateFunctions::tanh, x -> Math.tanh(x), -100f, 100f, 2.5);
    }

    @Test
    void saturateWithoutOverflowOrNaN() {
        for (float x : new float[] {17f, 20f, 88f, 1e10f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
            assertEquals(1f, GateFunctions.sigmoid(x), "sigmoid(" + x + ")");
            assertEquals(1f, GateFunctions.tanh(x), "tanh(" + x + ")");
            assertEquals(-1f, GateFunctions.tanh(-x), "tanh(" + -x + ")");
        }
        for (float x : new float[] {-87f, -88f, -1000f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY}) {
            float s = GateFunctions.sigmoid(x);
            assertTrue(s > 0f && s < 2e-38f, "sigmoid(" + x + ") = " + s); // smallest normal floats, never subnormal
        }
        assertEquals(0.5f, GateFunctions.sigmoid(0f));
        assertEquals(0f, GateFunctions.tanh(0f));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(GateFunctions.tanh(-0f)));
        assertEquals(1e-30f, GateFunctions.tanh(1e-30f));
        overFloats(-200f, 200f, x -> {
            float s = GateFunctions.sigmoid(x);
            float t = GateFunctions.tanh(x);
            assertTrue(s >= 0f && s <= 1f && t >= -1f && t <= 1f, "x = " + x + ": " + s + ", " + t);
        });
    }
}
