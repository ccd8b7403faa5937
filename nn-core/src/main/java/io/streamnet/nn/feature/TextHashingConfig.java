package io.streamnet.nn.feature;

/**
 * Settings of {@link TextHashingFeaturizer}.
 *
 * @param buckets  number of hash buckets, i.e. the id range {@code [0, buckets)} (the embedding table's row count)
 * @param minOrder smallest n-gram order (1 = unigrams)
 * @param maxOrder largest n-gram order (2 = up to bigrams)
 * @param binary   if true each distinct id is emitted once per text (presence features); if false an id repeats
 *                 as often as its n-grams occur (count features: a mean bag then weights by frequency)
 * @param seed     MurmurHash3 seed
 */
public record TextHashingConfig(int buckets, int minOrder, int maxOrder, boolean binary, int seed)
        implements java.io.Serializable {
    /** Reference model S's input: 2^18 buckets, unigrams and bigrams, counts, seed 0. */
    public static final TextHashingConfig DEFAULT = new TextHashingConfig(1 << 18, 1, 2, false, 0);

    /** Upper bound on n-gram order: longer n-grams are too rare in a stream to be learned from. */
    public static final int MAX_ORDER = 8;

    public TextHashingConfig {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
        if (minOrder < 1 || maxOrder < minOrder || maxOrder > MAX_ORDER) {
            throw new IllegalArgumentException("n-gram orders must satisfy 1 <= minOrder <= maxOrder <= "
                    + MAX_ORDER + ", got minOrder=" + minOrder + " maxOrder=" + maxOrder);
        }
    }
}
