package io.streamnet.nn.optim;

import io.streamnet.nn.layer.Parameter;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum (PyTorch's form, no dampening) and Nesterov momentum:
 * {@code d = g + wd w; buf = mu buf + d; w -= lr (nesterov ? d + mu buf : buf)}; without momentum
 * {@code w -= lr d}. Sparse rows: only touched rows and their momentum rows change.
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public Sgd(List<Parameter> params, LearningRateSchedule schedule, float momentum, boolean nesterov,
               float weightDecay, float clipNorm) {
        super(params, schedule, weightDecay, clipNorm, momentum > 0f ? new String[] {"momentum"} : new String[0]);
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0f) throw new IllegalArgumentException("nesterov needs momentum > 0");
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(float[] w, int wOff, float[] g, int gOff, int len, float[][] slot, float lr, float scale) {
        if (momentum == 0f) {
            kernels.sgd(w, wOff, g, gOff, len, lr, scale, weightDecay);
        } else {
            kernels.sgdMomentum(w, wOff, g, gOff, slot[0], len, lr, scale, weightDecay, momentum, nesterov);
        }
    }

    public float momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }
}
