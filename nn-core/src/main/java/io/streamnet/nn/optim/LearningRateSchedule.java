package io.streamnet.nn.optim;

/**
 * The learning rate of update number {@code step} (1-based: the first update is step 1).
 * Implementations are pure functions of the step, so a restored optimizer continues the same schedule.
 */
public interface LearningRateSchedule {
    double rate(long step);

    /** The schedule as spec keys, e.g. "constant(lr=0.001)". */
    String describe();

    /** lr for every step. */
    static LearningRateSchedule constant(double lr) {
        checkRate(lr);
        return new LearningRateSchedule() {
            public double rate(long step) { return lr; }
            public String describe() { return "constant(lr=" + lr + ")"; }
        };
    }

    /** {@code lr / sqrt(1 + (step - 1) / timescale)}: lr at step 1, then decaying like 1/sqrt(step). */
    static LearningRateSchedule inverseSqrt(double lr, double timescale) {
        checkRate(lr);
        if (!(timescale > 0) || Double.isInfinite(timescale)) throw new IllegalArgumentException("timescale must be > 0, got " + timescale);
        return new LearningRateSchedule() {
            public double rate(long step) { return lr / Math.sqrt(1.0 + (step - 1) / timescale); }
            public String describe() { return "inverse_sqrt(lr=" + lr + ", timescale=" + timescale + ")"; }
        };
    }

    /** {@code inner.rate(step) * min(1, step / warmupSteps)}: linear warm-up from lr/warmup to the inner schedule. */
    static LearningRateSchedule linearWarmup(LearningRateSchedule inner, long warmupSteps) {
        if (warmupSteps <= 0) return inner;
        return new LearningRateSchedule() {
            public double rate(long step) { return inner.rate(step) * Math.min(1.0, (double) step / warmupSteps); }
            public String describe() { return "warmup(" + warmupSteps + ", " + inner.describe() + ")"; }
        };
    }

    private static void checkRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
    }
}
