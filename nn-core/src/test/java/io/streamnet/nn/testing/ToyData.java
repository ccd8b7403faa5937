package io.streamnet.nn.testing;

/** Small classic classification problems, as {x (n x 2), y (n)}. */
public final class ToyData {
    private ToyData() {}

    public record Points(float[] x, float[] y, int n) {}

    public static Points xor() {
        return new Points(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, new float[] {0, 1, 1, 0}, 4);
    }

    /**
     * The two-spirals benchmark of Lang and Witbrock (1988): 97 points per spiral, angle i * pi / 16, radius
     * 6.5 * (104 - i) / 104, the second spiral the point reflection of the first; scaled by 1/6.5 to [-1, 1].
     */
    public static Points twoSpirals() {
        int per = 97;
        float[] x = new float[2 * per * 2];
        float[] y = new float[2 * per];
        for (int i = 0; i < per; i++) {
            double angle = i * Math.PI / 16.0;
            double radius = (104 - i) / 104.0;
            float a = (float) (radius * Math.sin(angle));
            float b = (float) (radius * Math.cos(angle));
            x[4 * i] = a;
            x[4 * i + 1] = b;
            y[2 * i] = 1;
            x[4 * i + 2] = -a;
            x[4 * i + 3] = -b;
            y[2 * i + 1] = 0;
        }
        return new Points(x, y, 2 * per);
    }
}
