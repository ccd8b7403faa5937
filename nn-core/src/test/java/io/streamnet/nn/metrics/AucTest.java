package io.streamnet.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AucTest {
    @Test
    void exactAucOfTheTextbookExample() {
        // positives 0.35 and 0.8, negatives 0.1 and 0.4: 3 of 4 pairs ordered right
        float[] s = {0.1f, 0.4f, 0.35f, 0.8f};
        byte[] y = {0, 0, 1, 1};
        assertEquals(0.75, ExactAuc.compute(s, y, 4), 1e-12);
    }

    @Test
    void exactAucCountsTiesAsOneHalf() {
        // positive 0.5 ties both negatives (2 x 0.5), positive 0.9 beats both (2): 3 / 4
        float[] s = {0.5f, 0.5f, 0.5f, 0.9f};
        byte[] y = {1, 0, 0, 1};
        assertEquals(0.75, ExactAuc.compute(s, y, 4), 1e-12);
        assertEquals(0.5, ExactAuc.compute(new float[] {0.3f, 0.3f}, new byte[] {1, 0}, 2), 1e-12);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertTrue(Double.isNaN(ExactAuc.compute(new float[] {0.1f, 0.9f}, new byte[] {1, 1}, 2)));
        assertTrue(Double.isNaN(new CumulativeAuc().value()));
    }

    @Test
    void windowedAucForgetsEventsOutsideTheWindow() {
        WindowedAuc w = new WindowedAuc(4);
        // two perfectly wrong events, then the textbook example
        w.update(0.99, 0);
        w.update(0.01, 1);
        double[] p = {0.1, 0.4, 0.35, 0.8};
        int[] y = {0, 0, 1, 1};
        for (int i = 0; i < 4; i++) {
            w.update(p[i], y[i]);
        }
        assertEquals(0.75, w.value(), 1e-12);
        assertEquals(6, w.count());
    }

    @Test
    void cumulativeAucEqualsExactForSeparatedScores() {
        CumulativeAuc c = new CumulativeAuc();
        double[] p = {0.1, 0.4, 0.35, 0.8};
        int[] y = {0, 0, 1, 1};
        for (int i = 0; i < 4; i++) {
            c.update(p[i], y[i]);
        }
        assertEquals(0.75, c.value(), 1e-12);
        assertEquals(0.0, c.maxError(), 0.0);
    }

    @Test
    void cumulativeAucStaysWithinItsStatedBoundOfTheExactValue() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 50_000;
        float[] s = new float[n];
        byte[] y = new byte[n];
        CumulativeAuc coarse = new CumulativeAuc(64); // coarse bins make the bound matter
        CumulativeAuc fine = new CumulativeAuc();
        for (int i = 0; i < n; i++) {
            int label = rnd.nextInt(2);
            double logit = rnd.nextGaussian() * 2 + (label == 1 ? 1.5 : -1.5);
            float p = (float) (1 / (1 + Math.exp(-logit)));
            s[i] = p;
            y[i] = (byte) label;
            coarse.update(p, label);
            fine.update(p, label);
        }
        double exact = ExactAuc.compute(s, y, n);
        assertTrue(exact > 0.8 && exact < 0.9, "synthetic AUC " + exact);
        assertTrue(coarse.maxError() > 1e-3, "bound " + coarse.maxError());
        assertTrue(Math.abs(coarse.value() - exact) <= coarse.maxError(), coarse.value() + " vs " + exact);
        assertTrue(fine.maxError() < 1e-4, "default bins bound " + fine.maxError());
        assertEquals(exact, fine.value(), fine.maxError());
    }

    @Test
    void saturatedProbabilitiesLandInTheEndBins() {
        CumulativeAuc c = new CumulativeAuc();
        c.update(1.0, 1);
        c.update(0.0, 0);
        c.update(1.0, 0);
        // positive 1.0 beats negative 0.0 and ties negative 1.0: (1 + 0.5) / 2
        assertEquals(0.75, c.value(), 1e-12);
    }
}
