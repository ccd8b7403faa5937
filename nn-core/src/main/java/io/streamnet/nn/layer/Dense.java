package io.streamnet.nn.layer;

import io.streamnet.nn.activation.ActivationFunction;
import io.streamnet.nn.activation.Identity;
import io.streamnet.nn.activation.Relu;
import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * Fully connected layer {@code y = f(x W + b)} over the innermost dimension, with an optional fused
 * element-wise activation f (applied in the same pass as the bias). W is {@code [in, units]} row-major, so the
 * forward product is one {@link Gemm#sgemm} call with no transposes. A rank-3 input {@code [batch, time, in]}
 * is treated as {@code batch * time} rows.
 */
public final class Dense implements Layer {
    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int in;
    private final int units;
    private final ActivationFunction activation;
    private final boolean keepPreActivation;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> params;

    private final Tensor out = new Tensor();
    private final Tensor pre = new Tensor();
    private final Tensor gradPre = new Tensor();
    private final Tensor gradIn = new Tensor();
    private Tensor input;
    private boolean inputGradientNeeded = true;

    /**
     * @param activation fused activation, or null for none
     * @param useBias    whether to add a bias (zero-initialized)
     */
    public Dense(String name, Shape inputShape, int units, ActivationFunction activation, boolean useBias,
                 Initializer init, Rng rng) {
        if (units <= 0) throw new IllegalArgumentException("dense '" + name + "': units must be > 0, got " + units);
        this.name = name;
        this.inputShape = inputShape;
        this.in = inputShape.last();
        this.units = units;
        this.outputShape = inputShape.withLast(units);
        this.activation = activation == null ? new Identity() : activation;
        this.keepPreActivation = !this.activation.derivativeFromOutput();
        this.weight = Parameter.dense(name, "weight", in, units);
        init.fill(weight.value(), 0, weight.size(), in, units, rng);
        this.bias = useBias ? Parameter.dense(name, "bias", 1, units) : null;
        this.params = useBias ? List.of(weight, bias) : List.of(weight);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        if (x.last() != in) {
            throw new IllegalArgumentException("dense '" + name + "': expected " + in + " input features, got " + x.last());
        }
        input = x;
        int rows = x.rows();
        out.resizeLikeWithLast(x, units);
        Tensor target = out;
        if (keepPreActivation) {
            pre.resizeLikeWithLast(x, units);
            target = pre;
        }
        float[] t = target.data();
        Gemm.sgemm(false, false, rows, units, in, 1f, x.data(), 0, in, weight.value(), 0, units, 0f, t, 0, units);
        float[] b = bias == null ? null : bias.value();
        int n = rows * units;
        if (activation instanceof Relu) {
            // Fused bias + ReLU: one pass over the output.
            for (int r = 0; r < rows; r++) {
                int o = r * units;
                if (b != null) {
                    for (int j = 0; j < units; j++) t[o + j] = Math.max(0f, t[o + j] + b[j]);
                } else {
                    for (int j = 0; j < units; j++) t[o + j] = Math.max(0f, t[o + j]);
                }
            }
        } else {
            if (b != null) {
                for (int r = 0; r < rows; r++) {
                    int o = r * units;
                    for (int j = 0; j < units; j++) t[o + j] += b[j];
                }
            }
            if (!(activation instanceof Identity)) activation.forward(t, out.data(), n);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor x = input;
        int rows = x.rows();
        float[] gz;
        if (activation instanceof Identity) {
            gz = gradOutput.data();
        } else {
            gradPre.resizeLike(gradOutput);
            gz = gradPre.data();
            activation.backward(keepPreActivation ? pre.data() : null, out.data(), gradOutput.data(), gz, rows * units);
        }
        if (!weight.frozen()) {
            Gemm.sgemm(true, false, in, units, rows, 1f, x.data(), 0, in, gz, 0, units, 0f, weight.grad(), 0, units);
        }
        if (bias != null && !bias.frozen()) {
            float[] gb = bias.grad();
            java.util.Arrays.fill(gb, 0, units, 0f);
            for (int r = 0; r < rows; r++) {
                int o = r * units;
                for (int j = 0; j < units; j++) gb[j] += gz[o + j];
            }
        }
        if (!inputGradientNeeded) return null;
        gradIn.resizeLike(x);
        Gemm.sgemm(false, true, rows, in, units, 1f, gz, 0, units, weight.value(), 0, units, 0f, gradIn.data(), 0, in);
        return gradIn;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public List<Parameter> params() {
        return params;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    public ActivationFunction activation() {
        return activation;
    }

    public int units() {
        return units;
    }
}
