package io.streamnet.nn.optim;

import io.streamnet.nn.layer.Parameter;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019), in PyTorch's form:
 * <pre>
 *   AdamW only: w *= 1 - lr wd            (decoupled decay)
 *   Adam  only: d = g + wd w              (L2 decay, in the gradient)
 *   m = b1 m + (1 - b1) d;  v = b2 v + (1 - b2) d^2
 *   w -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * Sparse rows are updated lazily (only touched rows and their moments), with the global step t in the bias
 * corrections, as PyTorch's SparseAdam.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final float b1;
    private final float b2;
    private final float c1;
    private final float c2;
    private final float eps;
    private final boolean decoupled;
    private float stepSize;
    private float invSqrtBc2;
    private float decayFactor;

    /**
     * @param decoupled true for AdamW (weight decay applied to the weights, not the gradient)
     */
    public Adam(List<Parameter> params, LearningRateSchedule schedule, double beta1, double beta2, float eps,
                float weightDecay, boolean decoupled, float clipNorm) {
        super(params, schedule, weightDecay, clipNorm, "m", "v");
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        // 1 - beta in double, then rounded once (as PyTorch), not 1f - 0.999f which loses digits.
        this.b1 = (float) beta1;
        this.b2 = (float) beta2;
        this.c1 = (float) (1.0 - beta1);
        this.c2 = (float) (1.0 - beta2);
        this.eps = eps;
        this.decoupled = decoupled;
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    protected void beginStep(long t, double lr) {
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        stepSize = (float) (lr / bc1);
        invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        decayFactor = (float) (1.0 - lr * weightDecay);
    }

    @Override
    protected void update(float[] w, int wOff, float[] g, int gOff, int len, float[][] slot, float lr, float scale) {
        kernels.adam(w, wOff, g, gOff, slot[0], slot[1], len, scale, decoupled ? 0f : weightDecay, decoupled ? decayFactor : 1f,
                b1, b2, c1, c2, stepSize, invSqrtBc2, eps);
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public float eps() {
        return eps;
    }

    public boolean decoupled() {
        return decoupled;
    }
}
