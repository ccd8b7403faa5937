package io.streamnet.nn.optim;

import io.streamnet.nn.layer.Parameter;

import java.util.List;

/**
 * AdaGrad (Duchi, Hazan, Singer 2011) as in PyTorch: {@code d = g + wd w; sum += d^2; w -= lr d / (sqrt(sum) + eps)}.
 * Sparse rows: only touched rows and their accumulators change.
 */
public final class AdaGrad extends Optimizer {
    private final float eps;
    private final float initialAccumulator;

    public AdaGrad(List<Parameter> params, LearningRateSchedule schedule, float eps, float initialAccumulator,
                   float weightDecay, float clipNorm) {
        super(params, schedule, weightDecay, clipNorm, "sum");
        if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        if (!(initialAccumulator >= 0f) || Float.isInfinite(initialAccumulator)) {
            throw new IllegalArgumentException("initial_accumulator must be finite and >= 0, got " + initialAccumulator);
        }
        this.eps = eps;
        this.initialAccumulator = initialAccumulator;
        if (initialAccumulator != 0f) fillSlot(0, initialAccumulator);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected float initialSlotValue(int s) {
        return initialAccumulator;
    }

    @Override
    protected void update(float[] w, int wOff, float[] g, int gOff, int len, float[][] slot, float lr, float scale) {
        kernels.adagrad(w, wOff, g, gOff, slot[0], len, lr, scale, weightDecay, eps);
    }

    public float eps() {
        return eps;
    }

    public float initialAccumulator() {
        return initialAccumulator;
    }
}
