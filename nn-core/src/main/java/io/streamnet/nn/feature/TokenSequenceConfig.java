package io.streamnet.nn.feature;

/**
 * Settings of {@link TokenSequenceFeaturizer}.
 *
 * @param buckets   number of hash buckets, i.e. the id range {@code [0, buckets)} (the embedding table's row count)
 * @param maxLength tokens kept per text, its first ones (the ids input's width)
 * @param seed      MurmurHash3 seed
 */
public record TokenSequenceConfig(int buckets, int maxLength, int seed) implements java.io.Serializable {
    public TokenSequenceConfig {
        if (buckets < 1) throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
}
