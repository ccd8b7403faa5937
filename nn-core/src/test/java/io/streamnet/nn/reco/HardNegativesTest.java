package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.random.Rng;
import org.junit.jupiter.api.Test;

class HardNegativesTest {

    @Test
    void atALowTemperatureTheHighestScoresAreKeptInPoolOrder() {
        int[] pool = {70, 71, 72, 73, 74, 75};
        float[] logits = {0.5f, -2f, 3f, 1f, -0.25f, 2.5f};
        HardNegatives hard = new HardNegatives(pool.length, 1e-3);
        Rng rng = new Rng(1);
        for (int k = 0; k < pool.length; k++) {
            hard.score(k, logits[k], rng);
        }
        int[] out = new int[4];
        assertEquals(3, hard.keep(pool, pool.length, 3, out, 1));
        assertArrayEquals(new int[] {0, 72, 73, 75}, out);
    }

    @Test
    void keepsACandidateWithProbabilityProportionalToExpOfItsScoreOverTheTemperature() {
        // two candidates, one kept: P(second) = e^(ln 3 / T) / (1 + e^(ln 3 / T)) = 3/4 at T = 1, 9/10 at T = 0.5
        int[] pool = {5, 9};
        int[] out = new int[1];
        for (double t : new double[] {1.0, 0.5}) {
            HardNegatives hard = new HardNegatives(2, t);
            Rng rng = new Rng(42);
            int second = 0;
            int trials = 40_000;
            for (int i = 0; i < trials; i++) {
                hard.score(0, 0f, rng);
                hard.score(1, (float) Math.log(3), rng);
                hard.keep(pool, 2, 1, out, 0);
                second += out[0] == 9 ? 1 : 0;
            }
            double expected = Math.pow(3, 1 / t) / (1 + Math.pow(3, 1 / t));
            // 5 standard errors of a proportion over 40,000 trials is at most 0.0125
            assertEquals(expected, (double) second / trials, 0.0125, "T = " + t);
        }
    }

    @Test
    void theSameGeneratorStateGivesTheSameChoice() {
        int[] pool = new int[64];
        float[] logits = new float[64];
        Rng init = new Rng(3);
        for (int k = 0; k < 64; k++) {
            pool[k] = 100 + k;
            logits[k] = (float) init.nextGaussian();
        }
        int[][] kept = new int[2][16];
        for (int run = 0; run < 2; run++) {
            HardNegatives hard = new HardNegatives(64, 1.0);
            Rng rng = new Rng(7);
            for (int k = 0; k < 64; k++) {
                hard.score(k, logits[k], rng);
            }
            hard.keep(pool, 64, 16, kept[run], 0);
        }
        assertArrayEquals(kept[0], kept[1]);
    }
}
