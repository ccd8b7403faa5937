package io.streamnet.nn.feature;

import io.streamnet.nn.tensor.IdColumn;

/**
 * Text to an ordered, padded sequence of hashed token ids, the input of an embedding followed by sequence layers:
 * the {@link TextTokenizer}'s tokens, each hashed with {@link MurmurHash3} x86_32 of its UTF-8 bytes to
 * {@code unsigned(hash) mod buckets} (the very ids {@link TextHashingFeaturizer} gives unigrams with the same seed
 * and buckets). The first {@code maxLength} tokens are kept, in order; the example's length says how many, and
 * the positions after it are padding (id 0, masked by the layers, see {@link IdColumn#setLength}).
 *
 * <p>An instance reuses its token buffer: one instance per thread; featurizing allocates nothing.
 */
public final class TokenSequenceFeaturizer {
    private final TokenSequenceConfig config;
    private final TextTokenizer tokenizer = new TextTokenizer();
    private final TokenBuffer tokens = new TokenBuffer();

    public TokenSequenceFeaturizer(TokenSequenceConfig config) {
        this.config = config;
    }

    public TokenSequenceConfig config() {
        return config;
    }

    /** Writes the sequence of {@code text} as example {@code b} of {@code out} (width maxLength); returns its length. */
    public int featurize(CharSequence text, IdColumn out, int b) {
        int width = config.maxLength();
        if (out.width() != width) {
            throw new IllegalArgumentException("the ids input holds " + out.width() + " ids per example, the featurizer's maxLength is " + width);
        }
        tokenizer.tokenize(text, tokens);
        int length = Math.min(tokens.tokenCount(), width);
        byte[] bytes = tokens.bytes();
        for (int k = 0; k < length; k++) {
            int start = tokens.start(k);
            int hash = MurmurHash3.hash32(bytes, start, tokens.end(k) - start, config.seed());
            out.set(b, k, Integer.remainderUnsigned(hash, config.buckets()));
        }
        for (int k = length; k < width; k++) out.set(b, k, 0);
        out.setLength(b, length);
        return length;
    }
}
