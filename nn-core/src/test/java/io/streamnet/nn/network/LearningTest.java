package io.streamnet.nn.network;

import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.ToyData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine learns: XOR and two-spirals to >= 99% training accuracy; an 8-hidden-layer ReLU net trains. */
class LearningTest {

    private static Batch fullBatch(Network net, ToyData.Points d) {
        Batch b = net.newBatch();
        b.start(d.n());
        System.arraycopy(d.x(), 0, b.dense("x").data(), 0, 2 * d.n());
        for (int i = 0; i < d.n(); i++) b.targets().set(i, d.y()[i]);
        return b;
    }

    private static double accuracy(Network net, Batch b, ToyData.Points d) {
        Tensor p = net.predict(b);
        int correct = 0;
        for (int i = 0; i < d.n(); i++) if ((p.get(i, 0) >= 0.5f) == (d.y()[i] == 1f)) correct++;
        return (double) correct / d.n();
    }

    @Test
    void learnsXor() {
        NetworkSpec spec = NetworkSpec.builder().seed(1)
                .denseInput("x", 2)
                .dense("hidden", 8, "tanh")
                .dense("out", 1)
                .loss("bce_with_logits")
                .optimizer(OptimizerSpec.adam(0.05))
                .build();
        Network net = Network.build(spec);
        ToyData.Points d = ToyData.xor();
        Batch b = fullBatch(net, d);
        for (int step = 0; step < 500; step++) assertTrue(net.trainBatch(b).trained());
        assertEquals(1.0, accuracy(net, b, d));
        assertTrue(net.evaluateLoss(b) < 0.05, "loss " + net.evaluateLoss(b));
    }

    @Test
    void learnsTwoSpirals() {
        NetworkSpec spec = NetworkSpec.builder().seed(2)
                .denseInput("x", 2)
                .dense("h1", 64, "tanh")
                .dense("h2", 64, "tanh")
                .dense("out", 1)
                .loss("bce_with_logits")
                .optimizer(OptimizerSpec.adam(0.03))
                .build();
        Network net = Network.build(spec);
        ToyData.Points d = ToyData.twoSpirals();
        Batch b = fullBatch(net, d);
        double acc = 0;
        int step = 0;
        while (step < 4000 && acc < 0.99) {
            net.trainBatch(b);
            if (++step % 50 == 0) acc = accuracy(net, b, d);
        }
        System.out.println("two-spirals: training accuracy " + acc + " after " + step + " full-batch steps");
        assertTrue(acc >= 0.99, "two-spirals training accuracy " + acc + " after " + step + " steps");
    }

    @Test
    void eightHiddenReluLayersWithHeInitTrainOnTwoSpirals() {
        NetworkSpec.Builder builder = NetworkSpec.builder().seed(3).denseInput("x", 2);
        for (int i = 1; i <= 8; i++) builder.dense("h" + i, 32, "relu", InitSpec.heNormal());
        NetworkSpec spec = builder.dense("out", 1).loss("bce_with_logits").optimizer(OptimizerSpec.adam(0.003)).build();
        Network net = Network.build(spec);
        ToyData.Points d = ToyData.twoSpirals();
        Batch b = fullBatch(net, d);
        double initial = net.evaluateLoss(b);
        double best = initial;
        for (int step = 0; step < 3000 && best > initial / 20; step++) {
            net.trainBatch(b);
            if (step % 50 == 49) best = Math.min(best, net.evaluateLoss(b));
        }
        System.out.println("8 hidden ReLU layers: loss " + initial + " -> " + best);
        assertTrue(best <= initial / 10, "loss fell from " + initial + " to " + best + ", less than 10x");
    }
}
