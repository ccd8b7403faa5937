package io.streamnet.nn.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextHashingFeaturizerTest {
    private static int bucket(String ngram, int buckets) {
        byte[] b = ngram.getBytes(StandardCharsets.UTF_8);
        return Integer.remainderUnsigned(MurmurHash3.hash32(b, 0, b.length, 0), buckets);
    }

    @Test
    void emitsUnigramsThenBigramsAsHashedBuckets() {
        int buckets = 1 << 18;
        int[] ids = new TextHashingFeaturizer(TextHashingConfig.DEFAULT).featurize("Not <br />good, really!");
        int[] expected = {bucket("not", buckets), bucket("good", buckets), bucket("really", buckets),
            bucket("not good", buckets), bucket("good really", buckets)};
        assertArrayEquals(expected, ids);
        // a known value: MurmurHash3("not good", seed 0) = 0xf95e82c5 (Python port), mod 2^18
        assertEquals(0xf95e82c5 & ((1 << 18) - 1), ids[3]);
    }

    @Test
    void supportsOtherOrdersAndNonPowerOfTwoBuckets() {
        TextHashingFeaturizer f = new TextHashingFeaturizer(new TextHashingConfig(1000, 2, 3, false, 0));
        int[] ids = f.featurize("a b c d");
        int[] expected = {bucket("a b", 1000), bucket("b c", 1000), bucket("c d", 1000),
            bucket("a b c", 1000), bucket("b c d", 1000)};
        assertArrayEquals(expected, ids);
    }

    @Test
    void binaryModeKeepsEachIdOnce() {
        TextHashingFeaturizer counts = new TextHashingFeaturizer(TextHashingConfig.DEFAULT);
        TextHashingFeaturizer binary = new TextHashingFeaturizer(new TextHashingConfig(1 << 18, 1, 2, true, 0));
        assertEquals(5, counts.featurize("bad bad bad").length); // 3 unigrams + 2 bigrams
        int[] ids = binary.featurize("bad bad bad");
        int bad = bucket("bad", 1 << 18);
        int badBad = bucket("bad bad", 1 << 18);
        assertArrayEquals(new int[] {Math.min(bad, badBad), Math.max(bad, badBad)}, ids);
    }

    @Test
    void appendsToTheBufferWithoutClearingIt() {
        TextHashingFeaturizer f = new TextHashingFeaturizer(new TextHashingConfig(1 << 18, 1, 2, true, 0));
        IdBuffer buf = new IdBuffer(1);
        buf.add(-7);
        assertEquals(3, f.featurize("x y", buf));
        assertEquals(4, buf.size());
        assertEquals(-7, buf.get(0)); // dedupe applies to the appended range only
        assertEquals(0, f.featurize("?!", buf));
        assertEquals(4, buf.size());
    }

    @Test
    void idsStayInRange() {
        TextHashingFeaturizer f = new TextHashingFeaturizer(new TextHashingConfig(7, 1, 3, false, 123));
        for (int id : f.featurize("the quick brown fox jumps over the lazy dog again and again")) {
            assertEquals(true, id >= 0 && id < 7, "id " + id);
        }
    }

    @Test
    void rejectsInvalidConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new TextHashingConfig(0, 1, 2, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new TextHashingConfig(10, 0, 2, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new TextHashingConfig(10, 3, 2, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new TextHashingConfig(10, 1, 9, false, 0));
    }
}
