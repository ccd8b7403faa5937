package io.streamnet.nn.reco;

/** Small vector helpers of the recommender's per-example paths. */
final class VectorMath {
    private VectorMath() {}

    /**
     * {@code sum_i a[aOff + i] b[bOff + i]}, accumulated in float in index order: one fixed order, so that training
     * repeats bit for bit on every JVM and kernel choice.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
