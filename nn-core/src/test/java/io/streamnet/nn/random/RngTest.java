package io.streamnet.nn.random;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RngTest {
    @Test
    void matchesTheSplitMix64ReferenceSequence() {
        // Reference outputs of SplitMix64 (Vigna's splitmix64.c) for seed 0.
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void theStateIsOneLongThatResumesTheSequence() {
        Rng a = new Rng(42);
        for (int i = 0; i < 10; i++) a.nextLong();
        Rng b = new Rng(7);
        b.setState(a.state());
        for (int i = 0; i < 100; i++) assertEquals(a.nextGaussian(), b.nextGaussian());
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void distributionsHaveTheirMoments() {
        Rng r = new Rng(3);
        int n = 200_000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sq += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.015);
        int[] counts = new int[10];
        for (int i = 0; i < n; i++) {
            float f = r.nextFloat();
            assertTrue(f >= 0f && f < 1f);
            counts[r.nextInt(10)]++;
        }
        for (int c : counts) assertEquals(n / 10.0, c, n / 10.0 * 0.03);
    }

    @Test
    void shuffleIsADeterministicPermutation() {
        int[] p = new Rng(5).permutation(100);
        int[] q = new Rng(5).permutation(100);
        assertArrayEquals(p, q);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) assertEquals(i, sorted[i]);
        assertTrue(!Arrays.equals(p, new Rng(6).permutation(100)));
    }
}
