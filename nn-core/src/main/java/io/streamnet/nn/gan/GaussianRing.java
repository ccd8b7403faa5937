package io.streamnet.nn.gan;

import io.streamnet.nn.random.Rng;

/**
 * The standard toy distribution of GAN papers: {@code modes} isotropic 2-D Gaussians of standard deviation
 * {@code std}, their centres evenly spaced on a circle of radius {@code radius} (mode k at angle 2 pi k / modes).
 * Also measures generated samples against it: the nearest mode and whether a point lies within a number of
 * standard deviations of it.
 */
public final class GaussianRing implements SampleSource {
    private final int modes;
    private final double radius;
    private final double std;
    private final double[] cx;
    private final double[] cy;

    public GaussianRing(int modes, double radius, double std) {
        if (modes < 1 || !(radius > 0) || !(std > 0)) throw new IllegalArgumentException("need modes >= 1, radius > 0, std > 0");
        this.modes = modes;
        this.radius = radius;
        this.std = std;
        this.cx = new double[modes];
        this.cy = new double[modes];
        for (int k = 0; k < modes; k++) {
            double a = 2 * Math.PI * k / modes;
            cx[k] = radius * Math.cos(a);
            cy[k] = radius * Math.sin(a);
        }
    }

    @Override
    public int width() {
        return 2;
    }

    @Override
    public void sample(Rng rng, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(modes);
            out[2 * i] = (float) (cx[k] + std * rng.nextGaussian());
            out[2 * i + 1] = (float) (cy[k] + std * rng.nextGaussian());
        }
    }

    /** The index of the mode nearest to (x, y). */
    public int nearestMode(double x, double y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < modes; k++) {
            double d = (x - cx[k]) * (x - cx[k]) + (y - cy[k]) * (y - cy[k]);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** The mode (x, y) lies within {@code stds} standard deviations of (Euclidean distance), or -1 if none. */
    public int modeWithin(double x, double y, double stds) {
        int k = nearestMode(x, y);
        return Math.hypot(x - cx[k], y - cy[k]) <= stds * std ? k : -1;
    }

    public int modes() {
        return modes;
    }

    public double radius() {
        return radius;
    }

    public double std() {
        return std;
    }
}
