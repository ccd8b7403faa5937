package io.streamnet.nn.drift;

import java.util.SplittableRandom;

/** Seeded synthetic streams with a known change point for the detector tests. */
final class SyntheticStreams {
    private SyntheticStreams() {}

    /** Bernoulli(p0) values for {@code changeAt} steps, then Bernoulli(p1) up to {@code length}. */
    static double[] bernoulli(long seed, int length, int changeAt, double p0, double p1) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            x[t] = rnd.nextDouble() < (t < changeAt ? p0 : p1) ? 1.0 : 0.0;
        }
        return x;
    }

    /** Gaussian(mean0, sd) then Gaussian(mean1, sd) from {@code changeAt}. */
    static double[] gaussian(long seed, int length, int changeAt, double mean0, double mean1, double sd) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            x[t] = (t < changeAt ? mean0 : mean1) + sd * rnd.nextGaussian();
        }
        return x;
    }

    /** Index of the first detection at or after {@code from}, or -1. */
    static int firstDetection(DriftDetector d, double[] x, int from) {
        int first = -1;
        for (int t = 0; t < x.length; t++) {
            if (d.update(x[t]) && t >= from && first < 0) {
                first = t;
            }
        }
        return first;
    }
}
