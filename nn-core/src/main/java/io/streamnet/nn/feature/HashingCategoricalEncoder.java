package io.streamnet.nn.feature;

import java.nio.charset.StandardCharsets;

/**
 * Categorical value to id by hashing: {@code unsigned(MurmurHash3(value)) mod buckets}. Stateless and unbounded in
 * the values it accepts; distinct values may collide (with probability about 1/buckets per pair), which is the
 * price of needing no dictionary. Strings are hashed as UTF-8, longs as their 8 little-endian bytes.
 */
public final class HashingCategoricalEncoder {
    private final int buckets;
    private final int seed;

    public HashingCategoricalEncoder(int buckets, int seed) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
        this.buckets = buckets;
        this.seed = seed;
    }

    public int buckets() {
        return buckets;
    }

    public int id(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return Integer.remainderUnsigned(MurmurHash3.hash32(bytes, 0, bytes.length, seed), buckets);
    }

    public int id(long value) {
        return Integer.remainderUnsigned(MurmurHash3.hash64As8Bytes(value, seed), buckets);
    }
}
