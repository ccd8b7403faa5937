package io.streamnet.nn.layer;

import io.streamnet.nn.activation.ActivationFunction;
import io.streamnet.nn.activation.Gelu;
import io.streamnet.nn.activation.Identity;
import io.streamnet.nn.activation.LeakyRelu;
import io.streamnet.nn.activation.Relu;
import io.streamnet.nn.activation.Sigmoid;
import io.streamnet.nn.activation.Tanh;
import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import static io.streamnet.nn.testing.GradientCheck.check;
import static io.streamnet.nn.testing.GradientCheck.fillUniform;
import static io.streamnet.nn.testing.GradientCheck.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every layer's backward pass against central finite differences (see {@link GradientCheck} for the tolerance). */
class LayerGradientTest {

    private static ActivationFunction activation(String name) {
        return switch (name) {
            case "identity" -> new Identity();
            case "relu" -> new Relu();
            case "leaky_relu" -> new LeakyRelu(0.1f);
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "gelu" -> new Gelu();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static boolean kinked(String act) {
        return act.equals("relu") || act.equals("leaky_relu");
    }

    /** Gradient of the projection objective: forward, backward(r), returning the input gradient (copied). */
    private static float[] backwardOf(Layer layer, io.streamnet.nn.tensor.Value x, float[] r) {
        Tensor y = layer.forward(x, true);
        Tensor gy = new Tensor().resizeLike(y);
        System.arraycopy(r, 0, gy.data(), 0, y.size());
        Tensor gx = layer.backward(gy);
        return gx == null ? null : gx.toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "relu", "leaky_relu", "sigmoid", "tanh", "gelu"})
    void denseWithFusedActivation(String act) {
        for (boolean sequence : new boolean[] {false, true}) {
            Rng rng = new Rng(11);
            Shape in = sequence ? Shape.sequence(3, 6) : Shape.vector(6);
            Dense d = new Dense("d", in, 5, activation(act), true, Initializers.xavierUniform(), rng);
            fillUniform(d.bias().value(), 5, 0.5, rng);
            Tensor x = sequence ? Tensor.sequence(4, 3, 6) : Tensor.matrix(4, 6);
            fillUniform(x.data(), x.size(), 1.0, rng);
            int outN = sequence ? 4 * 3 * 5 : 4 * 5;
            float[] r = new float[outN];
            fillUniform(r, outN, 1.0, rng);
            float[] gx = backwardOf(d, x, r);
            float[] gw = d.weight().grad().clone();
            float[] gb = d.bias().grad().clone();
            DoubleSupplier f = () -> project(d.forward(x, true).data(), r, outN);
            Supplier<Object> pattern = kinked(act) ? () -> GradientCheck.positives(d.forward(x, true).data(), outN) : null;
            check("dense/" + act + " x", x.data(), x.size(), gx, f, pattern, 200, rng);
            check("dense/" + act + " W", d.weight().value(), d.weight().offset(), d.weight().size(), gw, f, pattern, 200, rng);
            check("dense/" + act + " b", d.bias().value(), 5, gb, f, pattern, 200, rng);
        }
    }

    @Test
    void denseWithoutBiasAndWithoutInputGradient() {
        Rng rng = new Rng(5);
        Dense d = new Dense("d", Shape.vector(3), 2, null, false, Initializers.heNormal(), rng);
        assertEquals(1, d.params().size());
        Tensor x = Tensor.matrix(2, 3);
        fillUniform(x.data(), 6, 1.0, rng);
        float[] r = {1, -1, 0.5f, 2};
        float[] gx = backwardOf(d, x, r);
        check("dense/nobias W", d.weight().value(), 6, d.weight().grad().clone(), () -> project(d.forward(x, true).data(), r, 4), null, 100, rng);
        check("dense/nobias x", x.data(), 6, gx, () -> project(d.forward(x, true).data(), r, 4), null, 100, rng);
        d.setInputGradientNeeded(false);
        assertNull(backwardOf(d, x, r), "no input gradient when not requested");
    }

    /** Expands a sparse row gradient into a full table-shaped array. */
    static float[] dense(SparseRowGradient g) {
        float[] out = new float[g.rows() * g.cols()];
        for (int i = 0; i < g.count(); i++) {
            System.arraycopy(g.values(), i * g.cols(), out, g.row(i) * g.cols(), g.cols());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum", "mean", "sum-weighted", "mean-weighted"})
    void embeddingBag(String variant) {
        Rng rng = new Rng(21);
        PoolingMode mode = PoolingMode.parse(variant.split("-")[0]);
        boolean weighted = variant.endsWith("weighted");
        EmbeddingBag bag = new EmbeddingBag("e", 10, 4, mode, Initializers.normal(0.5), rng);
        SparseIds ids = new SparseIds();
        int[][] bags = {{1, 3, 3, 7}, {}, {9}, {0, 2, 4, 6, 8}};
        for (int[] b : bags) {
            for (int id : b) {
                if (weighted) ids.add(id, (float) (0.5 + rng.nextDouble())); else ids.add(id);
            }
            ids.endExample();
        }
        float[] r = new float[4 * 4];
        fillUniform(r, r.length, 1.0, rng);
        assertNull(backwardOf(bag, ids, r), "ids have no gradient");
        float[] gt = dense(bag.table().sparseGrad());
        assertEquals(9, bag.table().sparseGrad().count(), "rows touched: {1,3,7},{9},{0,2,4,6,8}");
        check("embedding_bag/" + variant, bag.table().value(), bag.table().offset(), bag.table().size(), gt,
                () -> project(bag.forward(ids, true).data(), r, 16), null, 1000, rng);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void embedding(int width) {
        Rng rng = new Rng(31);
        Embedding emb = new Embedding("e", 7, 3, width, Initializers.normal(0.5), rng);
        IdColumn ids = new IdColumn(width).resize(4);
        int[] values = {0, 6, 2, 2, 5, 1, 3, 3, 3, 4, 0, 6};
        for (int i = 0; i < 4 * width; i++) ids.set(i, values[i]);
        int outN = 4 * width * 3;
        float[] r = new float[outN];
        fillUniform(r, outN, 1.0, rng);
        assertNull(backwardOf(emb, ids, r));
        check("embedding/w" + width, emb.table().value(), emb.table().offset(), emb.table().size(), dense(emb.table().sparseGrad()),
                () -> project(emb.forward(ids, true).data(), r, outN), null, 1000, rng);
    }

    @Test
    void concat() {
        Rng rng = new Rng(41);
        Concat c = new Concat("c", new Shape[] {Shape.vector(2), Shape.vector(3), Shape.vector(1)});
        Tensor[] xs = {Tensor.matrix(3, 2), Tensor.matrix(3, 3), Tensor.matrix(3, 1)};
        for (Tensor x : xs) fillUniform(x.data(), x.size(), 1.0, rng);
        float[] r = new float[3 * 6];
        fillUniform(r, r.length, 1.0, rng);
        Tensor y = c.forward(xs, true);
        assertEquals(6, y.last());
        Tensor gy = new Tensor().resizeLike(y);
        System.arraycopy(r, 0, gy.data(), 0, r.length);
        Tensor[] g = c.backward(gy);
        for (int i = 0; i < xs.length; i++) {
            Tensor x = xs[i];
            check("concat input " + i, x.data(), x.size(), g[i].toArray(), () -> project(c.forward(xs, true).data(), r, 18), null, 100, rng);
        }
    }

    @Test
    void dropoutWithAFixedMask() {
        Rng rng = new Rng(51);
        Rng maskRng = new Rng(99);
        Dropout d = new Dropout("d", Shape.vector(8), 0.3f, maskRng);
        Tensor x = Tensor.matrix(5, 8);
        fillUniform(x.data(), 40, 1.0, rng);
        float[] r = new float[40];
        fillUniform(r, 40, 1.0, rng);
        long state = maskRng.state();
        float[] gx = backwardOf(d, x, r);
        // The same generator state before every forward gives the same mask, so the function is differentiable.
        check("dropout", x.data(), 40, gx, () -> {
            maskRng.setState(state);
            return project(d.forward(x, true).data(), r, 40);
        }, null, 100, rng);
        Tensor y = d.forward(x, false);
        assertEquals(x, y, "inference is the identity (the input itself)");
    }

    @Test
    void layerNorm() {
        for (boolean sequence : new boolean[] {false, true}) {
            Rng rng = new Rng(61);
            Shape s = sequence ? Shape.sequence(2, 5) : Shape.vector(5);
            LayerNorm ln = new LayerNorm("ln", s, 1e-5f);
            fillUniform(ln.params().get(0).value(), 5, 2.0, rng);
            fillUniform(ln.params().get(1).value(), 5, 1.0, rng);
            Tensor x = sequence ? Tensor.sequence(3, 2, 5) : Tensor.matrix(3, 5);
            fillUniform(x.data(), x.size(), 2.0, rng);
            int n = x.size();
            float[] r = new float[n];
            fillUniform(r, n, 1.0, rng);
            float[] gx = backwardOf(ln, x, r);
            DoubleSupplier f = () -> project(ln.forward(x, true).data(), r, n);
            check("layer_norm x", x.data(), n, gx, f, null, 100, rng);
            check("layer_norm gain", ln.params().get(0).value(), 5, ln.params().get(0).grad().clone(), f, null, 100, rng);
            check("layer_norm shift", ln.params().get(1).value(), 5, ln.params().get(1).grad().clone(), f, null, 100, rng);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky_relu", "sigmoid", "tanh", "gelu"})
    void activationLayer(String act) {
        Rng rng = new Rng(71);
        ActivationLayer a = new ActivationLayer(act, Shape.vector(6), activation(act));
        Tensor x = Tensor.matrix(4, 6);
        // Inputs at least 0.05 from 0, so that the h = 0.01 perturbation never crosses the ReLU kink.
        GradientCheck.fillAwayFromZero(x.data(), 24, 0.05, 3.0, rng);
        float[] r = new float[24];
        fillUniform(r, 24, 1.0, rng);
        float[] gx = backwardOf(a, x, r);
        check(act, x.data(), 24, gx, () -> project(a.forward(x, true).data(), r, 24), null, 100, rng);
    }

    @Test
    void softmax() {
        Rng rng = new Rng(81);
        Softmax s = new Softmax("s", Shape.vector(5));
        Tensor x = Tensor.matrix(3, 5);
        fillUniform(x.data(), 15, 3.0, rng);
        float[] r = new float[15];
        fillUniform(r, 15, 1.0, rng);
        float[] gx = backwardOf(s, x, r);
        check("softmax", x.data(), 15, gx, () -> project(s.forward(x, true).data(), r, 15), null, 100, rng);
        Tensor y = s.forward(x, false);
        for (int b = 0; b < 3; b++) {
            double sum = 0;
            for (int j = 0; j < 5; j++) sum += y.get(b, j);
            assertEquals(1.0, sum, 1e-6);
        }
    }
}
