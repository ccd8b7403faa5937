package io.streamnet.nn.init;

import io.streamnet.nn.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializersTest {
    private static double[] moments(Initializer init, int fanIn, int fanOut) {
        float[] w = new float[fanIn * fanOut];
        init.fill(w, 0, w.length, fanIn, fanOut, new Rng(1));
        double sum = 0, sq = 0, max = 0;
        for (float v : w) {
            sum += v;
            sq += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        return new double[] {sum / w.length, Math.sqrt(sq / w.length), max};
    }

    @Test
    void heAndXavierHaveTheirVariances() {
        int in = 200, out = 300;
        double he = Math.sqrt(2.0 / in);
        double xavier = Math.sqrt(2.0 / (in + out));
        double[] m = moments(Initializers.heNormal(), in, out);
        assertEquals(0, m[0], 0.005);
        assertEquals(he, m[1], he * 0.01);
        m = moments(Initializers.heUniform(), in, out);
        assertEquals(he, m[1], he * 0.01);
        assertTrue(m[2] <= Math.sqrt(6.0 / in));
        m = moments(Initializers.xavierNormal(), in, out);
        assertEquals(xavier, m[1], xavier * 0.01);
        m = moments(Initializers.xavierUniform(), in, out);
        assertEquals(xavier, m[1], xavier * 0.01);
        assertTrue(m[2] <= Math.sqrt(6.0 / (in + out)));
        m = moments(Initializers.normal(0.02), in, out);
        assertEquals(0.02, m[1], 0.0004);
        m = moments(Initializers.uniform(0.3), in, out);
        assertEquals(0.3 / Math.sqrt(3), m[1], 0.003);
        assertEquals(0, moments(Initializers.zeros(), 3, 3)[2]);
    }

    @Test
    void initializationIsDeterministicAndRespectsTheRange() {
        float[] a = new float[20];
        float[] b = new float[20];
        Initializers.heUniform().fill(a, 5, 10, 4, 4, new Rng(9));
        Initializers.heUniform().fill(b, 5, 10, 4, 4, new Rng(9));
        assertArrayEquals(a, b);
        for (int i = 0; i < 5; i++) assertEquals(0f, a[i]);
        for (int i = 15; i < 20; i++) assertEquals(0f, a[i]);
    }
}
