package io.streamnet.nn.testing;

import io.streamnet.nn.random.Rng;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite-difference checks of analytic gradients, on the float engine.
 *
 * <p>Tolerance, justified: the engine computes in float32, the objective (a random projection of the outputs)
 * is summed in double. Each output carries a relative rounding error of a few ulps (~1e-7 times the magnitude
 * of the terms summed into it), so with objectives of magnitude ~1-10 the objective's rounding noise is about
 * 1e-6; divided by 2h = 2e-2 that is ~5e-5 absolute in the numeric derivative. The truncation error of the
 * central difference is h^2 f'''/6 ~ 2e-5 for the O(1) third derivatives of the smooth functions used. Hence
 * {@code |analytic - numeric| <= ATOL + RTOL * max(|analytic|, |numeric|)} with ATOL = 5e-4 and RTOL = 5e-3:
 * ten times the expected error, while every real bug (wrong sign, missing factor, wrong index, dropped term)
 * gives relative errors of order 1. The largest relative error seen is returned in the {@link Report}.
 *
 * <p>Kinks (ReLU at 0): if the activation pattern supplied by the caller differs between x+h and x-h, the
 * coordinate crossed a kink and is skipped; at most a quarter of the coordinates may be skipped.
 */
public final class GradientCheck {
    public static final double H = 1e-2;
    public static final double ATOL = 5e-4;
    public static final double RTOL = 5e-3;

    private GradientCheck() {}

    /** Result of one check, for reporting. */
    public record Report(int checked, int skipped, double maxRelError) {}

    /**
     * Checks {@code analytic[k]} against the central difference of {@code objective} in {@code values[k]} for
     * up to {@code maxCoords} coordinates drawn from {@code rng} (all of them if there are fewer).
     *
     * @param pattern activation pattern to detect kinks, or null for smooth functions
     */
    public static Report check(String what, float[] values, int n, float[] analytic, DoubleSupplier objective,
                               Supplier<Object> pattern, int maxCoords, Rng rng) {
        return check(what, values, 0, n, analytic, objective, pattern, maxCoords, rng);
    }

    /** As above for coordinates {@code values[off + k]}, {@code k < n} (a parameter's storage from its offset). */
    public static Report check(String what, float[] values, int off, int n, float[] analytic, DoubleSupplier objective,
                               Supplier<Object> pattern, int maxCoords, Rng rng) {
        int[] coords;
        if (n <= maxCoords) {
            coords = new int[n];
            for (int i = 0; i < n; i++) coords[i] = i;
        } else {
            coords = new int[maxCoords];
            for (int i = 0; i < maxCoords; i++) coords[i] = rng.nextInt(n);
        }
        int skipped = 0;
        double maxRel = 0;
        for (int k : coords) {
            float v = values[off + k];
            float up = (float) (v + H);
            float down = (float) (v - H);
            values[off + k] = up;
            double fUp = objective.getAsDouble();
            Object pUp = pattern == null ? null : pattern.get();
            values[off + k] = down;
            double fDown = objective.getAsDouble();
            Object pDown = pattern == null ? null : pattern.get();
            values[off + k] = v;
            if (pattern != null && !deepEquals(pUp, pDown)) {
                skipped++;
                continue;
            }
            double numeric = (fUp - fDown) / ((double) up - (double) down);
            double a = analytic[k];
            double err = Math.abs(a - numeric);
            double scale = Math.max(Math.abs(a), Math.abs(numeric));
            if (scale > 0) maxRel = Math.max(maxRel, err / Math.max(scale, ATOL / RTOL));
            if (err > ATOL + RTOL * scale) {
                fail(what + "[" + k + "]: analytic " + a + " vs numeric " + numeric + " (error " + err + ")");
            }
        }
        assertTrue(skipped * 4 <= coords.length, what + ": too many kink crossings skipped (" + skipped + " of " + coords.length + ")");
        objective.getAsDouble(); // leave the layer in the unperturbed state
        return new Report(coords.length - skipped, skipped, maxRel);
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof boolean[] x && b instanceof boolean[] y) return Arrays.equals(x, y);
        return java.util.Objects.deepEquals(a, b);
    }

    /** Positive-entry pattern of the first n values (ReLU-like kinks). */
    public static boolean[] positives(float[] y, int n) {
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) p[i] = y[i] > 0f;
        return p;
    }

    /** Fills a[0..n) with U(-scale, scale). */
    public static void fillUniform(float[] a, int n, double scale, Rng rng) {
        for (int i = 0; i < n; i++) a[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
    }

    /** Fills with values whose magnitude is in [lo, hi] and random sign (keeps ReLU inputs away from the kink). */
    public static void fillAwayFromZero(float[] a, int n, double lo, double hi, Rng rng) {
        for (int i = 0; i < n; i++) {
            double m = lo + (hi - lo) * rng.nextDouble();
            a[i] = (float) (rng.nextDouble() < 0.5 ? -m : m);
        }
    }

    /** sum_i r[i] * y[i] over n values, in double. */
    public static double project(float[] y, float[] r, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) r[i] * y[i];
        return s;
    }

    /** A parameter's gradient as a full array: a sparse one's untouched rows are zero. */
    public static float[] denseGradient(io.streamnet.nn.layer.Parameter p) {
        if (!p.isSparse()) {
            return p.grad().clone();
        }
        float[] g = new float[p.size()];
        io.streamnet.nn.layer.SparseRowGradient s = p.sparseGrad();
        for (int i = 0; i < s.count(); i++) {
            System.arraycopy(s.values(), i * s.cols(), g, s.row(i) * s.cols(), s.cols());
        }
        return g;
    }
}
