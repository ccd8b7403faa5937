package io.streamnet.nn.layer;

import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * Inverted dropout: in training each value is zeroed with probability {@code rate} and the survivors are scaled
 * by {@code 1 / (1 - rate)}, so inference is the identity. The mask comes from the network's generator (one
 * draw per value, in row-major order), so dropout is reproducible from the saved state.
 */
public final class Dropout implements Layer {
    private final String name;
    private final Shape shape;
    private final float rate;
    private final Rng rng;
    private final Tensor out = new Tensor();
    private final Tensor mask = new Tensor();
    private final Tensor gradIn = new Tensor();
    private boolean masked;

    public Dropout(String name, Shape shape, float rate, Rng rng) {
        if (!(rate >= 0f && rate < 1f)) throw new IllegalArgumentException("dropout '" + name + "': rate must be in [0, 1), got " + rate);
        this.name = name;
        this.shape = shape;
        this.rate = rate;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        masked = training && rate > 0f;
        if (!masked) return x;
        int n = x.size();
        out.resizeLike(x);
        mask.resizeLike(x);
        float[] m = mask.data();
        float[] xd = x.data();
        float[] o = out.data();
        float keep = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextFloat() < rate ? 0f : keep;
            o[i] = xd[i] * m[i];
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (!masked) return gradOutput;
        int n = gradOutput.size();
        gradIn.resizeLike(gradOutput);
        float[] g = gradIn.data();
        float[] gy = gradOutput.data();
        float[] m = mask.data();
        for (int i = 0; i < n; i++) g[i] = gy[i] * m[i];
        return gradIn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> params() {
        return List.of();
    }

    public float rate() {
        return rate;
    }
}
