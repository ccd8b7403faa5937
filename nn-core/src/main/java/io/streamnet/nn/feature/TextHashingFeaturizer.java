package io.streamnet.nn.feature;

/**
 * Text to hashed n-gram ids: {@link TextTokenizer} tokens, then every n-gram of orders
 * {@code minOrder..maxOrder} (tokens joined by one space, UTF-8) hashed with {@link MurmurHash3} x86_32 and mapped
 * to a bucket {@code unsigned(hash) mod buckets}. Ids are emitted by order, then by position (all unigrams first,
 * then all bigrams, ...), or sorted and distinct when {@link TextHashingConfig#binary()} is set.
 *
 * <p>A text without any token gives no ids; the consumer decides what an empty bag means (an EmbeddingBag gives
 * the zero vector). Instances reuse internal buffers: one instance per thread.
 */
public final class TextHashingFeaturizer {
    private final TextHashingConfig config;
    private final TextTokenizer tokenizer = new TextTokenizer();
    private final TokenBuffer tokens = new TokenBuffer();

    public TextHashingFeaturizer(TextHashingConfig config) {
        this.config = config;
    }

    public TextHashingConfig config() {
        return config;
    }

    /** Appends the ids of {@code text} to {@code out} (which is not cleared) and returns how many were appended. */
    public int featurize(CharSequence text, IdBuffer out) {
        int before = out.size();
        featurizeOccurrences(text, out, tokens);
        if (config.binary()) {
            out.sortAndDeduplicateFrom(before);
        }
        return out.size() - before;
    }

    /**
     * Appends the id of every n-gram occurrence of {@code text} to {@code out}, in emission order (by order, then
     * position) and never deduplicated, whatever {@link TextHashingConfig#binary()} says, and leaves the text's tokens
     * in {@code tokens}: for explanations, which must know the tokens each id came from. Returns how many were appended.
     */
    public int featurizeOccurrences(CharSequence text, IdBuffer out, TokenBuffer tokens) {
        int before = out.size();
        tokenizer.tokenize(text, tokens);
        int count = tokens.tokenCount();
        byte[] bytes = tokens.bytes();
        int buckets = config.buckets();
        for (int n = config.minOrder(); n <= config.maxOrder(); n++) {
            for (int k = 0; k + n <= count; k++) {
                int start = tokens.start(k);
                int hash = MurmurHash3.hash32(bytes, start, tokens.end(k + n - 1) - start, config.seed());
                out.add(Integer.remainderUnsigned(hash, buckets));
            }
        }
        return out.size() - before;
    }

    /** Convenience for tests and one-off use: the ids of one text in a new array. */
    public int[] featurize(CharSequence text) {
        IdBuffer out = new IdBuffer();
        featurize(text, out);
        return out.toArray();
    }
}
