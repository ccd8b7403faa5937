package io.streamnet.nn.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.ParameterSnapshot;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Determinism, the G step's gradient through D, the guards and the spec's checks. */
class AdversarialTrainerTest {

    private static float[] allWeights(Network net) {
        int n = 0;
        for (Parameter p : net.parameters()) n += p.size();
        float[] out = new float[n];
        int o = 0;
        for (Parameter p : net.parameters()) {
            System.arraycopy(p.value(), 0, out, o, p.size());
            o += p.size();
        }
        return out;
    }

    private static AdversarialTrainer trained(long seed, int steps) {
        AdversarialTrainer gan = new AdversarialTrainer(RingOfGaussiansTest.ringSpec(seed, 64), new GaussianRing(8, 2, 0.02));
        for (int s = 0; s < steps; s++) gan.step();
        return gan;
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        AdversarialTrainer a = trained(5, 40);
        AdversarialTrainer b = trained(5, 40);
        AdversarialTrainer other = trained(6, 40);
        assertArrayEquals(allWeights(a.generator()), allWeights(b.generator()));
        assertArrayEquals(allWeights(a.discriminator()), allWeights(b.discriminator()));
        assertArrayEquals(allWeights(a.sampler()), allWeights(b.sampler()));
        assertEquals(a.rng().state(), b.rng().state());
        assertFalse(Arrays.equals(allWeights(a.generator()), allWeights(other.generator())));
        // training moved the generator: the comparison above is not between two untouched initializations
        assertFalse(Arrays.equals(allWeights(a.generator()), allWeights(Network.build(a.spec().generator()))));
    }

    /** Tiny smooth networks (tanh), so finite differences apply everywhere. */
    private static GanSpec tinySpec() {
        NetworkSpec g = NetworkSpec.builder().seed(3).denseInput("z", 3).dense("g1", 4, "tanh").dense("out", 2)
                .loss("mse").optimizer(OptimizerSpec.sgd(0.1)).build();
        NetworkSpec d = NetworkSpec.builder().seed(4).denseInput("x", 2).dense("d1", 5, "tanh").dense("d2", 3, "tanh").dense("logit", 1)
                .loss("bce_with_logits").optimizer(OptimizerSpec.sgd(0.1)).build();
        return new GanSpec(g, d, 4, 1, 0, 9);
    }

    /**
     * The generator's gradient of the non-saturating loss -log D(G(z)), taken through D's input gradient, against
     * finite differences of that loss in each generator weight.
     */
    @Test
    void generatorGradientThroughDiscriminatorMatchesFiniteDifferences() {
        GanSpec spec = tinySpec();
        Network g = Network.build(spec.generator());
        Network d = Network.build(spec.discriminator());
        d.setInputGradientNeeded("x", true);
        Rng rng = new Rng(11);
        Batch z = g.newBatch().start(4);
        GradientCheck.fillUniform(z.dense("z").data(), 12, 1.5, rng);
        Batch fake = d.newBatch();
        Runnable toFake = () -> {
            Tensor out = g.predict(z);
            fake.start(4);
            System.arraycopy(out.data(), 0, fake.dense("x").data(), 0, 8);
            for (int i = 0; i < 4; i++) fake.targets().set(i, 1f);
        };
        // analytic: the trainer's G step, weights restored afterwards, gradients read from the parameters
        ParameterSnapshot before = g.copyParameters();
        Tensor out = g.forwardForTraining(z);
        fake.start(4);
        System.arraycopy(out.data(), 0, fake.dense("x").data(), 0, 8);
        for (int i = 0; i < 4; i++) fake.targets().set(i, 1f);
        d.computeGradients(fake);
        assertTrue(g.trainFromOutputGradient(d.inputGradient("x")).trained());
        g.loadParameters(before);
        for (Parameter p : g.parameters()) {
            float[] analytic = p.grad().clone();
            GradientCheck.check("G " + p.name(), p.value(), p.offset(), p.size(), analytic, () -> {
                toFake.run();
                return d.evaluateLoss(fake);
            }, null, 40, rng);
        }
    }

    @Test
    void nonFiniteRealExamplesNeverReachTheWeights() {
        SampleSource poisoned = new SampleSource() {
            @Override
            public int width() {
                return 2;
            }

            @Override
            public void sample(Rng rng, float[] out, int n) {
                Arrays.fill(out, 0, 2 * n, Float.NaN);
            }
        };
        AdversarialTrainer gan = new AdversarialTrainer(tinySpec(), poisoned);
        float[] g0 = allWeights(gan.generator());
        float[] d0 = allWeights(gan.discriminator());
        // A NaN real example is invalid input: refused before anything changes.
        assertThrows(io.streamnet.nn.network.InvalidBatchException.class, gan::step);
        assertArrayEquals(g0, allWeights(gan.generator()));
        assertArrayEquals(d0, allWeights(gan.discriminator()));
    }

    @Test
    void theSpecChecksHowTheNetworksFit() {
        GanSpec ok = tinySpec();
        NetworkSpec wideD = NetworkSpec.builder().seed(4).denseInput("x", 3).dense("logit", 1)
                .loss("bce_with_logits").optimizer(OptimizerSpec.sgd(0.1)).build();
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(ok.generator(), wideD, 4, 1, 0, 9));
        NetworkSpec mseD = NetworkSpec.builder().seed(4).denseInput("x", 2).dense("logit", 1)
                .loss("mse").optimizer(OptimizerSpec.sgd(0.1)).build();
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(ok.generator(), mseD, 4, 1, 0, 9));
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(ok.generator(), ok.discriminator(), 4, 0, 0, 9));
        SampleSource threeWide = new SampleSource() {
            @Override
            public int width() {
                return 3;
            }

            @Override
            public void sample(Rng rng, float[] out, int n) {}
        };
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTrainer(ok, threeWide));
    }
}
