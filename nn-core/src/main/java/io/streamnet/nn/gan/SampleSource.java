package io.streamnet.nn.gan;

import io.streamnet.nn.random.Rng;

/** Where a GAN's real examples come from: draws {@code n} rows of {@link #width()} floats with the caller's generator. */
public interface SampleSource {
    /** Floats per example. */
    int width();

    /** Writes {@code n} examples row-major into {@code out} (at least {@code n * width()} floats), drawing only from {@code rng}. */
    void sample(Rng rng, float[] out, int n);
}
