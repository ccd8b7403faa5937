package io.streamnet.nn.testing;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.IdColumn;

/**
 * A stream only order tells apart: each padded sequence of filler ids (from 3 up) holds ids 1 and 2 once each,
 * side by side; the label is 1 for "1 then 2" and 0 for "2 then 1". Every bag of ids occurs with both labels, so a
 * bag model stays at chance, while a width-2 convolution or a recurrent layer can learn it exactly. Padded
 * positions hold -1, an id no layer may read. Deterministic from its own generator.
 */
public final class SyntheticSequences {
    private final Rng rng;
    private final int vocab;
    private final int maxLength;

    public SyntheticSequences(long seed, int vocab, int maxLength) {
        this.rng = new Rng(seed);
        this.vocab = vocab;
        this.maxLength = maxLength;
    }

    /** Fills {@code b} (ids input "tokens" of width maxLength) with n examples. */
    public void fill(Batch b, int n) {
        b.start(n);
        IdColumn ids = b.ids("tokens");
        for (int i = 0; i < n; i++) {
            int len = 2 + rng.nextInt(maxLength - 1);
            int at = rng.nextInt(len - 1);
            boolean ordered = rng.nextInt(2) == 1;
            for (int k = 0; k < maxLength; k++) ids.set(i, k, k < len ? 3 + rng.nextInt(vocab - 3) : -1);
            ids.set(i, at, ordered ? 1 : 2);
            ids.set(i, at + 1, ordered ? 2 : 1);
            ids.setLength(i, len);
            b.targets().set(i, ordered ? 1f : 0f);
        }
    }
}
