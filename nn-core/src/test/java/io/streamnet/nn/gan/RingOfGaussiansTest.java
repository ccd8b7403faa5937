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
 * The GAN learns the ring of 8 Gaussians (radius 2, std 0.02): after 10,000 generator steps, of 2,000 generated
 * samples every mode gets at least 2% (40) within 3 std of its centre, and at least 90% lie within 3 std of some
 * mode. {@code -Dgan.seed=N} runs another seed. Setup and measured figures in docs/BENCHMARKS.md ("GAN on the ring of 8 Gaussians").
 */
class RingOfGaussiansTest {
    static final long SEED = Long.getLong("gan.seed", 1);
    static final int STEPS = 10_000;
    static final int SAMPLES = 2000;
    static final int MIN_PER_MODE = SAMPLES / 50;

    /**
     * Generator: z (2 standard normals) -> 3 x Dense 64 ReLU -> Dense 2. Discriminator: x (2) -> 2 x Dense 64
     * LeakyReLU(0.2) -> Dense 1 (logit). Each its own Adam, lr 1e-3 with inverse-sqrt decay (timescale 500), beta1
     * 0.5; batch 512 real + 512 fake, one D step per G step; samples from the moving average (0.999) of G's weights.
     */
    static GanSpec ringSpec(long seed, int batch) {
        OptimizerSpec adam = OptimizerSpec.adam(1e-3).withBetas(0.5, 0.999).withInverseSqrtDecay(500);
        NetworkSpec g = NetworkSpec.builder().name("generator").seed(seed * 31 + 1).denseInput("z", 2)
                .dense("g1", 64, "relu").dense("g2", 64, "relu").dense("g3", 64, "relu")
                .dense("sample", 2)
                .loss("mse").optimizer(adam).build();
        NetworkSpec d = NetworkSpec.builder().name("discriminator").seed(seed * 31 + 2).denseInput("x", 2)
                .layer(new LayerSpec.Dense("d1", List.of(), 64, "leaky_relu", 0.2, true, null, false))
                .layer(new LayerSpec.Dense("d2", List.of(), 64, "leaky_relu", 0.2, true, null, false))
                .dense("logit", 1)
                .loss("bce_with_logits").optimizer(adam).build();
        return new GanSpec(g, d, batch, 1, 0.999, seed);
    }

    @Test
    void coversAllEightModesTightly() {
        GaussianRing ring = new GaussianRing(8, 2.0, 0.02);
        AdversarialTrainer gan = new AdversarialTrainer(ringSpec(SEED, 512), ring);
        int untrained = 0;
        for (int s = 0; s < STEPS; s++) {
            GanStep r = gan.step();
            if (r.discriminatorSteps() != 1 || !r.generatorTrained()) untrained++;
        }
        Coverage c = Coverage.of(gan, ring, SAMPLES);
        System.out.printf("GAN ring of 8 Gaussians, seed %d, %d steps: %.4f of %d samples within 3 std, per mode %s%n",
                SEED, STEPS, c.fraction(), SAMPLES, Arrays.toString(c.perMode()));
        for (int k = 0; k < 8; k++) {
            assertTrue(c.perMode()[k] >= MIN_PER_MODE, "mode " + k + " has " + c.perMode()[k] + " samples: " + Arrays.toString(c.perMode()));
        }
        assertTrue(c.fraction() >= 0.90, "only " + c.fraction() + " of the samples within 3 std of a mode");
        assertEquals(0, untrained, "steps refused by the non-finite guards");
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
