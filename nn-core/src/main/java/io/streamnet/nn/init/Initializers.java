package io.streamnet.nn.init;

import io.streamnet.nn.random.Rng;

/**
 * The initializers: He (Kaiming) and Xavier (Glorot), uniform and normal, a plain normal(0, std), uniform(-a, a)
 * and zeros.
 */
public final class Initializers {
    private Initializers() {}

    /** He uniform: U(-a, a), a = sqrt(6 / fanIn); keeps activation variance through ReLU layers. */
    public static Initializer heUniform() {
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillUniform(w, off, len, Math.sqrt(6.0 / fanIn), rng);
            }
            public String describe() { return "he_uniform"; }
        };
    }

    /** He normal: N(0, 2 / fanIn). */
    public static Initializer heNormal() {
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillNormal(w, off, len, Math.sqrt(2.0 / fanIn), rng);
            }
            public String describe() { return "he_normal"; }
        };
    }

    /** Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    public static Initializer xavierUniform() {
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillUniform(w, off, len, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            }
            public String describe() { return "xavier_uniform"; }
        };
    }

    /** Xavier normal: N(0, 2 / (fanIn + fanOut)). */
    public static Initializer xavierNormal() {
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillNormal(w, off, len, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
            }
            public String describe() { return "xavier_normal"; }
        };
    }

    /** N(0, std^2), the usual embedding initializer. */
    public static Initializer normal(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillNormal(w, off, len, std, rng);
            }
            public String describe() { return "normal(std=" + std + ")"; }
        };
    }

    /** U(-limit, limit). */
    public static Initializer uniform(double limit) {
        if (!(limit >= 0) || Double.isInfinite(limit)) throw new IllegalArgumentException("limit must be finite and >= 0, got " + limit);
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                fillUniform(w, off, len, limit, rng);
            }
            public String describe() { return "uniform(limit=" + limit + ")"; }
        };
    }

    public static Initializer zeros() {
        return new Initializer() {
            public void fill(float[] w, int off, int len, int fanIn, int fanOut, Rng rng) {
                java.util.Arrays.fill(w, off, off + len, 0f);
            }
            public String describe() { return "zeros"; }
        };
    }

    static void fillUniform(float[] w, int off, int len, double limit, Rng rng) {
        for (int i = off; i < off + len; i++) w[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
    }

    static void fillNormal(float[] w, int off, int len, double std, Rng rng) {
        for (int i = off; i < off + len; i++) w[i] = (float) (rng.nextGaussian() * std);
    }
}
