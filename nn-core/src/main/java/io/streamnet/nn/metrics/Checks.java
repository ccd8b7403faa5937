package io.streamnet.nn.metrics;

/** Argument checks shared by the metrics: a bad prediction or label is a caller bug, reported with its value. */
final class Checks {
    private Checks() {}

    static void label(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("binary label must be 0 or 1, got " + label);
        }
    }

    static void probability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
    }

    static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
    }
}
