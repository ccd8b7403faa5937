package io.streamnet.nn.feature;

import io.streamnet.nn.tensor.IdColumn;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenSequenceFeaturizerTest {
    static int[] row(IdColumn c, int b) {
        return java.util.Arrays.copyOfRange(c.ids(), b * c.width(), (b + 1) * c.width());
    }

    @Test
    void keepsTheTokensInOrderAsTheUnigramIdsOfTheHashingFeaturizer() {
        int buckets = 1 << 18;
        TokenSequenceFeaturizer f = new TokenSequenceFeaturizer(new TokenSequenceConfig(buckets, 6, 0));
        IdColumn ids = new IdColumn(6).resize(2);
        assertEquals(4, f.featurize("Good, <br />not BAD good", ids, 1));
        int[] unigrams = new TextHashingFeaturizer(new TextHashingConfig(buckets, 1, 1, false, 0)).featurize("good not bad good");
        assertArrayEquals(new int[] {unigrams[0], unigrams[1], unigrams[2], unigrams[3], 0, 0}, row(ids, 1));
        assertEquals(unigrams[0], unigrams[3], "the same token, the same id");
        assertEquals(4, ids.length(1));
        assertEquals(6, ids.length(0), "an example not featurized is full");
        int[] reversed = new int[6];
        f.featurize("good bad not good", ids, 0);
        System.arraycopy(row(ids, 0), 0, reversed, 0, 6);
        assertArrayEquals(new int[] {unigrams[0], unigrams[2], unigrams[1], unigrams[3], 0, 0}, reversed, "order is kept");
    }

    @Test
    void keepsTheFirstMaxLengthTokensAndGivesEmptyTextsLengthZero() {
        TokenSequenceFeaturizer f = new TokenSequenceFeaturizer(new TokenSequenceConfig(1000, 3, 7));
        IdColumn ids = new IdColumn(3).resize(2);
        assertEquals(3, f.featurize("a b c d e", ids, 0));
        IdColumn firstThree = new IdColumn(3).resize(1);
        f.featurize("a b c", firstThree, 0);
        assertArrayEquals(row(firstThree, 0), row(ids, 0));
        assertEquals(0, f.featurize(" ,;! ", ids, 1));
        assertEquals(0, ids.length(1));
        assertArrayEquals(new int[] {0, 0, 0}, row(ids, 1));
        for (int id : row(ids, 0)) assertEquals(true, id >= 0 && id < 1000, "id " + id + " in [0, buckets)");
    }

    @Test
    void rejectsAColumnOfAnotherWidthAndBadSettings() {
        TokenSequenceFeaturizer f = new TokenSequenceFeaturizer(new TokenSequenceConfig(10, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> f.featurize("a", new IdColumn(5).resize(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenSequenceConfig(0, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenSequenceConfig(10, 0, 0));
    }
}
