package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * End-to-end gradient check through a DAG network: three input kinds, a node with two consumers (gradients must
 * be summed), concat, layer norm, smooth activations, and each loss, against finite differences of the loss.
 */
class NetworkGradientTest {

    static NetworkSpec dagSpec(String loss, int outUnits) {
        return NetworkSpec.builder().seed(7)
                .denseInput("x", 4)
                .idsInput("cat", 5)
                .sparseInput("bag", 6)
                .embedding("e1", "cat", 3, io.streamnet.nn.spec.InitSpec.normal(0.5))
                .embeddingBag("e2", "bag", 3, "sum", io.streamnet.nn.spec.InitSpec.normal(0.5))
                .layer(new LayerSpec.Dense("h", List.of("x"), 5, "tanh", 0.01, true, null, false))
                .layer(new LayerSpec.LayerNorm("ln", List.of("h"), 1e-5, false))
                .concat("c", "e1", "e2", "ln", "h")
                .dense("d", 4, "gelu")
                .activation("s", "sigmoid")
                .dense("out", outUnits)
                .loss(loss)
                .optimizer(OptimizerSpec.sgd(0.1))
                .build();
    }

    static void fill(Network net, Batch b, Rng rng, boolean classes) {
        int n = 4;
        b.start(n);
        GradientCheck.fillUniform(b.dense("x").data(), n * 4, 1.5, rng);
        for (int i = 0; i < n; i++) b.ids("cat").set(i, rng.nextInt(5));
        SparseIds bag = b.sparse("bag");
        for (int i = 0; i < n; i++) {
            int len = 1 + rng.nextInt(4);
            for (int k = 0; k < len; k++) bag.add(rng.nextInt(6));
            bag.endExample();
        }
        for (int i = 0; i < n; i++) {
            if (classes) b.targets().setClass(i, rng.nextInt(net.outputWidth()));
            else for (int j = 0; j < net.outputWidth(); j++) b.targets().set(i, j, rng.nextInt(2));
        }
    }

    private static float[] gradientOf(Parameter p) {
        if (!p.isSparse()) return p.grad().clone();
        SparseRowGradient g = p.sparseGrad();
        float[] out = new float[p.size()];
        for (int i = 0; i < g.count(); i++) System.arraycopy(g.values(), i * g.cols(), out, g.row(i) * g.cols(), g.cols());
        return out;
    }

    private static void checkAll(String loss, int units) {
        Network net = Network.build(dagSpec(loss, units));
        Batch b = net.newBatch();
        Rng rng = new Rng(17);
        fill(net, b, rng, loss.equals("softmax_cross_entropy"));
        net.computeGradients(b);
        List<float[]> grads = net.parameters().stream().map(NetworkGradientTest::gradientOf).toList();
        for (int i = 0; i < grads.size(); i++) {
            Parameter p = net.parameters().get(i);
            GradientCheck.check(loss + " " + p.name(), p.value(), p.offset(), p.size(), grads.get(i), () -> net.evaluateLoss(b), null, 60, rng);
        }
    }

    @Test
    void dagWithSoftmaxCrossEntropy() {
        checkAll("softmax_cross_entropy", 3);
    }

    @Test
    void dagWithBinaryCrossEntropy() {
        checkAll("bce_with_logits", 2);
    }

    @Test
    void dagWithMeanSquaredError() {
        checkAll("mse", 2);
    }
}
