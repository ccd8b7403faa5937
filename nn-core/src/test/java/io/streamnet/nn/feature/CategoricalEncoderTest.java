package io.streamnet.nn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalEncoderTest {
    @Test
    void hashingEncoderIsMurmurModBuckets() {
        HashingCategoricalEncoder e = new HashingCategoricalEncoder(1000, 0);
        byte[] b = "user-42".getBytes(StandardCharsets.UTF_8);
        assertEquals(Integer.remainderUnsigned(MurmurHash3.hash32(b, 0), 1000), e.id("user-42"));
        assertEquals(Integer.remainderUnsigned(0x76fb2972, 1000), new HashingCategoricalEncoder(1000, 7).id(1234567890123L));
        for (long v = -50; v < 50; v++) {
            int id = e.id(v);
            assertTrue(id >= 0 && id < 1000);
        }
    }

    @Test
    void dictionaryAssignsIdsInFirstSeenOrderThenOverflows() {
        DictionaryCategoricalEncoder<Integer> d = new DictionaryCategoricalEncoder<>(4);
        assertEquals(1, d.idOf(610));
        assertEquals(2, d.idOf(7));
        assertEquals(1, d.idOf(610));
        assertEquals(0, d.lookup(99)); // lookup does not assign
        assertEquals(3, d.idOf(99));
        assertTrue(d.isFull());
        assertEquals(DictionaryCategoricalEncoder.OUT_OF_VOCABULARY, d.idOf(100));
        assertEquals(3, d.size());
        assertEquals(List.of(610, 7, 99), d.values());
    }

    @Test
    void dictionaryStateRoundTrips() {
        DictionaryCategoricalEncoder<String> d = new DictionaryCategoricalEncoder<>(10);
        for (String s : new String[] {"b", "a", "c", "a"}) {
            d.idOf(s);
        }
        DictionaryCategoricalEncoder<String> r = DictionaryCategoricalEncoder.restore(10, d.values());
        for (String s : new String[] {"a", "b", "c"}) {
            assertEquals(d.lookup(s), r.lookup(s));
        }
        assertEquals(4, r.idOf("d"));
        assertThrows(IllegalArgumentException.class, () -> DictionaryCategoricalEncoder.restore(10, List.of("x", "x")));
        assertThrows(IllegalArgumentException.class, () -> DictionaryCategoricalEncoder.restore(2, List.of("x", "y")));
    }
}
