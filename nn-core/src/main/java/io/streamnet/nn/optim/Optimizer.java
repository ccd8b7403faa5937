package io.streamnet.nn.optim;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;

import java.util.List;

/**
 * Updates parameters from their gradients. Shared machinery: learning-rate schedule, global gradient-norm
 * clipping, L2 weight decay, per-parameter freezing, per-parameter learning-rate factors (layer groups), and lazy
 * sparse updates. A frozen parameter is skipped entirely: no update, no slot change, not in the gradient norm.
 *
 * <p><b>Lazy sparse updates.</b> For a sparse parameter (embedding table) only the rows the batch touched are
 * updated, including their optimizer slots (moments, accumulators) and their weight decay, like PyTorch's
 * SparseAdam; rows not touched stay bit-for-bit unchanged. Bias corrections use the global step count.
 *
 * <p><b>Slots</b> (per-parameter state such as Adam's moments) are full arrays laid out as the parameter's
 * {@link Parameter#value()} (element {@code i} at {@code offset() + i}), allocated once; they, and the step counter,
 * are part of the model state.
 *
 * <p>Usage per batch: {@link #gradientNorm()} (the caller rejects a non-finite norm), then {@link #step(double)}.
 */
public abstract class Optimizer {
    /** The row kernels of this JVM (vector or scalar; bit-identical results). */
    protected final io.streamnet.nn.tensor.RowKernels kernels = io.streamnet.nn.tensor.RowKernels.get();
    private final List<Parameter> params;
    private final String[] slotNames;
    private final float[][][] slots;
    /** Learning-rate factor of each parameter (layer groups); 1 by default. */
    private final double[] lrScales;
    private final LearningRateSchedule schedule;
    private final float clipNorm;
    /** L2 weight decay added to the gradient (AdamW instead decays decoupled from it). */
    protected final float weightDecay;
    private long step;

    protected Optimizer(List<Parameter> params, LearningRateSchedule schedule, float weightDecay, float clipNorm,
                        String... slotNames) {
        if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) throw new IllegalArgumentException("weight_decay must be finite and >= 0, got " + weightDecay);
        if (!(clipNorm >= 0f) || Float.isInfinite(clipNorm)) throw new IllegalArgumentException("clip_norm must be finite and >= 0 (0 = off), got " + clipNorm);
        this.params = List.copyOf(params);
        this.schedule = schedule;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.slotNames = slotNames.clone();
        this.slots = new float[this.params.size()][slotNames.length][];
        this.lrScales = new double[this.params.size()];
        java.util.Arrays.fill(lrScales, 1.0);
        for (int p = 0; p < this.params.size(); p++) {
            for (int s = 0; s < slotNames.length; s++) {
                slots[p][s] = new float[this.params.get(p).value().length];
            }
        }
    }

    /** Sets slot {@code s} of every parameter to {@code v} (for a non-zero start, e.g. AdaGrad's accumulator). */
    protected final void fillSlot(int s, float v) {
        for (float[][] perParam : slots) java.util.Arrays.fill(perParam[s], v);
    }

    /** The value slot {@code s} starts from (0; AdaGrad's accumulator may start higher). */
    protected float initialSlotValue(int s) {
        return 0f;
    }

    /**
     * Resets the slots of elements {@code [offset, offset + length)} of parameter {@code p} (index in
     * {@link #params()}) to their initial values: for a table row that is given to a new id, so that the new id
     * does not inherit the old one's moments or accumulators.
     */
    public void resetSlots(int p, int offset, int length) {
        int from = params.get(p).offset() + offset;
        for (int s = 0; s < slotNames.length; s++) {
            java.util.Arrays.fill(slots[p][s], from, from + length, initialSlotValue(s));
        }
    }

    /** Name as written in a spec: sgd, adagrad, adam, adamw. */
    public abstract String name();

    /**
     * Updates {@code w[wOff .. wOff+len)} from {@code g[gOff .. gOff+len)}; slot arrays are indexed like w.
     *
     * @param gradScale factor applied to g first (clipping); 1 when not clipping
     */
    protected abstract void update(float[] w, int wOff, float[] g, int gOff, int len, float[][] slot,
                                   float lr, float gradScale);

    /** Called once per step before any update, with the 1-based step number. */
    protected void beginStep(long step, double lr) {}

    /** Global L2 norm of the gradients of all trainable (non-frozen) parameters, in double. */
    public double gradientNorm() {
        double sum = 0;
        for (Parameter p : params) {
            if (p.frozen()) continue;
            if (p.isSparse()) {
                SparseRowGradient sg = p.sparseGrad();
                sum += kernels.sumOfSquares(sg.values(), 0, sg.count() * sg.cols());
            } else {
                sum += kernels.sumOfSquares(p.grad(), 0, p.size());
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Applies one update to every trainable parameter and advances the step counter.
     *
     * @param gradientNorm the value of {@link #gradientNorm()} for this batch (used for clipping); must be finite
     */
    public void step(double gradientNorm) {
        long t = ++step;
        double lr = schedule.rate(t);
        beginStep(t, lr);
        float scale = clipNorm > 0f && gradientNorm > clipNorm ? (float) (clipNorm / gradientNorm) : 1f;
        float rate = (float) lr;
        double current = 1.0;
        for (int p = 0; p < params.size(); p++) {
            Parameter param = params.get(p);
            if (param.frozen()) continue;
            if (lrScales[p] != current) {
                // A layer group with its own rate: the per-step constants (Adam's step size, decay) follow it.
                current = lrScales[p];
                double scaled = lr * current;
                beginStep(t, scaled);
                rate = (float) scaled;
            }
            float[] w = param.value();
            if (param.isSparse()) {
                SparseRowGradient sg = param.sparseGrad();
                int cols = sg.cols();
                float[] g = sg.values();
                int[] rows = sg.touchedRows();
                int[] order = sg.slotsInRowOrder();
                int n = sg.count();
                int base = param.offset();
                for (int i = 0; i < n; i++) {
                    int slot = order[i];
                    update(w, base + rows[slot] * cols, g, slot * cols, cols, slots[p], rate, scale);
                }
            } else {
                update(w, 0, param.grad(), 0, param.size(), slots[p], rate, scale);
            }
        }
    }

    /**
     * Sets the learning-rate factor of parameter {@code p} (index in {@link #params()}): its updates use the
     * scheduled rate times {@code scale}. Configuration, not state: it comes from the spec's optimizer groups.
     */
    public void setLearningRateScale(int p, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("lr scale of " + params.get(p).name() + " must be finite and >= 0, got " + scale);
        lrScales[p] = scale;
    }

    /** The learning-rate factor of parameter {@code p}. */
    public double learningRateScale(int p) {
        return lrScales[p];
    }

    /** Number of updates applied so far. */
    public long steps() {
        return step;
    }

    /** Restores the step counter (model state). */
    public void setSteps(long steps) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        this.step = steps;
    }

    /** The learning rate the next update will use. */
    public double nextRate() {
        return schedule.rate(step + 1);
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public float clipNorm() {
        return clipNorm;
    }

    public float weightDecay() {
        return weightDecay;
    }

    /** Names of the per-parameter slots, e.g. ["m", "v"] for Adam (may be empty). */
    public String[] slotNames() {
        return slotNames.clone();
    }

    /** Slot {@code s} of parameter {@code p} (index in {@link #params()}), the live array, laid out as its value. */
    public float[] slot(int p, int s) {
        return slots[p][s];
    }

    /** The parameters this optimizer updates, in order. */
    public List<Parameter> params() {
        return params;
    }
}
