package io.streamnet.nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.LossSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegratedGradientsTest {
    /** Id 5 twice: a repeated token is two entries of the bag. */
    private static final int[] IDS = {3, 5, 17, 5, 40, 63};

    /**
     * The gradient the attributions use, against central differences through the real network: scaling bag entry i's
     * embedding by w_i (the bag's per-id weights) and setting every w to the path point a gives the input a * h, so
     * d logit / d w_i at w = a is entry i's attribution integrand; the mean over the midpoints must be the attribution.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mean", "sum"})
    void attributionsAreTheFiniteDifferenceGradientsAlongThePath(String mode) {
        Network net = Network.build(BagNetworks.spec(mode));
        int steps = 4;
        Attribution a = new IntegratedGradients(net.spec(), steps).attribute(net, IDS, IDS.length);
        double eps = 1e-3;
        for (int i = 0; i < IDS.length; i++) {
            double integral = 0;
            for (int s = 0; s < steps; s++) {
                float at = (s + 0.5f) / steps;
                float[] up = filled(at);
                float[] down = filled(at);
                up[i] += (float) eps;
                down[i] -= (float) eps;
                integral += (BagNetworks.logit(net, IDS, up) - BagNetworks.logit(net, IDS, down)) / (2 * eps) / steps;
            }
            assertEquals(integral, a.attributions()[i], 2e-3 + 1e-2 * Math.abs(integral),
                    mode + " entry " + i + " (id " + IDS[i] + ")");
        }
        assertEquals(a.attributions()[1], a.attributions()[3], 0f, "the two entries of id 5 share their row's attribution");
    }

    /** Completeness: the attributions add up to f(x) - f(baseline), the baseline being the text without tokens. */
    @ParameterizedTest
    @ValueSource(strings = {"mean", "sum"})
    void attributionsAddUpToTheLogitAboveTheEmptyText(String mode) {
        Network net = Network.build(BagNetworks.spec(mode));
        Attribution fine = new IntegratedGradients(net.spec(), 512).attribute(net, IDS, IDS.length);
        double gap = fine.logit() - fine.baselineLogit();
        assertTrue(Math.abs(gap) > 0.05, "the test needs a logit that moves, got " + gap);
        assertEquals(gap, fine.sum(), 2e-3 * Math.abs(gap) + 1e-4, "512 steps");
        Attribution coarse = new IntegratedGradients(net.spec(), IntegratedGradients.DEFAULT_STEPS).attribute(net, IDS, IDS.length);
        assertEquals(gap, coarse.sum(), 0.05 * Math.abs(gap) + 1e-3, "default steps");

        assertEquals(BagNetworks.logit(net, IDS, null), fine.logit(), 1e-4, "the text's logit is the network's");
        assertEquals(BagNetworks.logit(net, new int[0], null), fine.baselineLogit(), 1e-4, "the baseline is the empty text");
    }

    @Test
    void anEmptyBagHasNoAttributions() {
        Network net = Network.build(BagNetworks.spec("mean"));
        Attribution a = new IntegratedGradients(net.spec(), 8).attribute(net, new int[0], 0);
        assertEquals(0, a.attributions().length);
        assertEquals(a.baselineLogit(), a.logit(), 0);
    }

    @Test
    void theNetworkIsNotChanged() {
        Network net = Network.build(BagNetworks.spec("mean"));
        float[] before = net.parameter("hidden.weight").value().clone();
        new IntegratedGradients(net.spec(), 8).attribute(net, IDS, IDS.length);
        assertTrue(Arrays.equals(before, net.parameter("hidden.weight").value()));
    }

    @Test
    void refusesNetworksThatAreNotBagClassifiers() {
        NetworkSpec dense = NetworkSpec.builder().name("dense").denseInput("x", 4).dense("out", 1)
                .loss("bce_with_logits").optimizer(OptimizerSpec.sgd(0.1)).build();
        var e = assertThrows(IllegalArgumentException.class, () -> new IntegratedGradients(dense, 8));
        assertTrue(e.getMessage().contains("one sparse_ids or ids input") && e.getMessage().contains("x:dense"), e.getMessage());
        NetworkSpec bag = BagNetworks.spec("mean");
        NetworkSpec regression = new NetworkSpec("mse", 1, bag.inputs(), bag.layers(), LossSpec.mse(), bag.optimizer());
        e = assertThrows(IllegalArgumentException.class, () -> new IntegratedGradients(regression, 8));
        assertTrue(e.getMessage().contains("binary classifier"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntegratedGradients(BagNetworks.spec("mean"), 0));
    }

    @Test
    void anIdOutsideTheVocabularyIsNamed() {
        Network net = Network.build(BagNetworks.spec("mean"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new IntegratedGradients(net.spec(), 8).attribute(net, new int[] {1, BagNetworks.VOCAB}, 2));
        assertTrue(e.getMessage().contains("id 64 at entry 1"), e.getMessage());
    }

    private static float[] filled(float a) {
        float[] w = new float[IDS.length];
        Arrays.fill(w, a);
        return w;
    }
}
