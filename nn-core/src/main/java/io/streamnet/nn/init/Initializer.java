package io.streamnet.nn.init;

import io.streamnet.nn.random.Rng;

/**
 * Fills a weight array of {@code fanIn x fanOut} values (or an embedding table) from the network's generator.
 * Implementations draw values in array order, so the result depends only on the generator state.
 */
public interface Initializer {
    void fill(float[] w, int offset, int length, int fanIn, int fanOut, Rng rng);

    /** Name as written in a spec, e.g. {@code he_uniform} or {@code normal(std=0.01)}. */
    String describe();
}
