package io.streamnet.nn.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GAN learns the ring of 8 Gaussians (radius 2, std 0.02): after training, of 2,000 generated samples every
 * mode gets at least 2% (40) within 3 std of its centre, and at least 90% lie within 3 std of some mode.
 */
class RingOfGaussiansTest {
    static final int NOISE = Integer.getInteger("gan.noise", 8);
    static final int HIDDEN = Integer.getInteger("gan.hidden", 64);
    static final int BATCH = Integer.getInteger("gan.batch", 256);
    static final int STEPS = Integer.getInteger("gan.steps", 3000);
    static final int K = Integer.getInteger("gan.k", 1);
    static final double LR = Double.parseDouble(System.getProperty("gan.lr", "1e-3"));
    static final long SEED = Long.getLong("gan.seed", 1);
    static final int SAMPLES = 2000;
    static final int MIN_PER_MODE = SAMPLES / 50;

    static GanSpec ringSpec(long seed) {
        OptimizerSpec adam = OptimizerSpec.adam(LR).withBetas(0.5, 0.999);
        NetworkSpec g = NetworkSpec.builder().name("generator").seed(seed * 31 + 1).denseInput("z", NOISE)
                .layer(new LayerSpec.Dense("g1", HIDDEN, "relu"))
                .layer(new LayerSpec.Dense("g2", HIDDEN, "relu"))
                .dense("sample", 2)
                .loss("mse").optimizer(adam).build();
        NetworkSpec d = NetworkSpec.builder().name("discriminator").seed(seed * 31 + 2).denseInput("x", 2)
                .layer(new LayerSpec.Dense("d1", List.of(), HIDDEN, "leaky_relu", 0.2, true, null, false))
                .layer(new LayerSpec.Dense("d2", List.of(), HIDDEN, "leaky_relu", 0.2, true, null, false))
                .dense("logit", 1)
                .loss("bce_with_logits").optimizer(adam).build();
        return new GanSpec(g, d, BATCH, K, seed);
    }

    @Test
    void coversAllEightModesTightly() {
        GaussianRing ring = new GaussianRing(8, 2.0, 0.02);
        AdversarialTrainer gan = new AdversarialTrainer(ringSpec(SEED), ring);
        long t0 = System.nanoTime();
        for (int s = 1; s <= STEPS; s++) {
            GanStep r = gan.step();
            if (s % 500 == 0 || s == STEPS) {
                Coverage c = Coverage.of(gan, ring, SAMPLES);
                System.out.printf("step %d  D %.3f  G %.3f  within %.4f  per mode %s  %.1fs%n", s, r.discriminatorLoss(), r.generatorLoss(),
                        c.fraction(), Arrays.toString(c.perMode()), (System.nanoTime() - t0) / 1e9);
            }
        }
        Coverage c = Coverage.of(gan, ring, SAMPLES);
        for (int k = 0; k < 8; k++) assertTrue(c.perMode()[k] >= MIN_PER_MODE, "mode " + k + " has " + c.perMode()[k] + " samples: " + Arrays.toString(c.perMode()));
        assertTrue(c.fraction() >= 0.90, "only " + c.fraction() + " of the samples within 3 std of a mode");
        for (Parameter p : gan.generator().parameters()) for (float v : p.value()) assertTrue(Float.isFinite(v), p.name());
        for (Parameter p : gan.discriminator().parameters()) for (float v : p.value()) assertTrue(Float.isFinite(v), p.name());
        assertEquals(STEPS, gan.steps());
    }

    /** Per mode, how many of n generated samples lie within 3 std of it, and the fraction within 3 std of any. */
    record Coverage(int[] perMode, double fraction) {
        static Coverage of(AdversarialTrainer gan, GaussianRing ring, int n) {
            float[] xy = new float[2 * n];
            gan.sample(n, xy);
            int[] per = new int[ring.modes()];
            int within = 0;
            for (int i = 0; i < n; i++) {
                int k = ring.modeWithin(xy[2 * i], xy[2 * i + 1], 3);
                if (k >= 0) {
                    per[k]++;
                    within++;
                }
            }
            return new Coverage(per, within / (double) n);
        }
    }
}
