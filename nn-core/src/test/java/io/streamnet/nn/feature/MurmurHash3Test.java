package io.streamnet.nn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MurmurHash3Test {
    private static int hash(String s, int seed) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32(b, 0, b.length, seed);
    }

    /** Published MurmurHash3_x86_32 vectors (SMHasher-derived, widely reproduced, e.g. in Wikipedia's talk pages). */
    @Test
    void matchesPublishedTestVectors() {
        assertEquals(0x00000000, hash("", 0));
        assertEquals(0x514E28B7, hash("", 1));
        assertEquals(0x81F16F39, hash("", 0xffffffff));
        assertEquals(0x5A97808A, hash("aaaa", 0x9747b28c));
        assertEquals(0x283E0130, hash("aaa", 0x9747b28c));
        assertEquals(0x5D211726, hash("aa", 0x9747b28c));
        assertEquals(0x7FA09EA6, hash("a", 0x9747b28c));
        assertEquals(0xF0478627, hash("abcd", 0x9747b28c));
        assertEquals(0xC84A62DD, hash("abc", 0x9747b28c));
        assertEquals(0x74875592, hash("ab", 0x9747b28c));
        assertEquals(0x24884CBA, hash("Hello, world!", 0x9747b28c));
        assertEquals(0x2FA826CD, hash("The quick brown fox jumps over the lazy dog", 0x9747b28c));
        assertEquals(0xD58063C1, hash("ππππππππ", 0x9747b28c));
        assertEquals(0x2362F9DE, MurmurHash3.hash32(new byte[] {0, 0, 0, 0}, 0));
        assertEquals(0x76293B50, MurmurHash3.hash32(new byte[] {-1, -1, -1, -1}, 0));
        assertEquals(0xF55B516B, MurmurHash3.hash32(new byte[] {0x21, 0x43, 0x65, (byte) 0x87}, 0));
        assertEquals(0x2362F9DE, MurmurHash3.hash32(new byte[] {0x21, 0x43, 0x65, (byte) 0x87}, 0x5082EDEE));
        assertEquals(0x7E4A8634, MurmurHash3.hash32(new byte[] {0x21, 0x43, 0x65}, 0));
        assertEquals(0xA0F7B07A, MurmurHash3.hash32(new byte[] {0x21, 0x43}, 0));
        assertEquals(0x72661CF4, MurmurHash3.hash32(new byte[] {0x21}, 0));
        assertEquals(0x85F0B427, MurmurHash3.hash32(new byte[] {0, 0, 0}, 0));
        assertEquals(0x30F4C306, MurmurHash3.hash32(new byte[] {0, 0}, 0));
        assertEquals(0x514E28B7, MurmurHash3.hash32(new byte[] {0}, 0));
    }

    @Test
    void hashesASubrangeLikeTheSameBytesAlone() {
        byte[] padded = "xxHello, world!yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(0x24884CBA, MurmurHash3.hash32(padded, 2, 13, 0x9747b28c));
    }

    @Test
    void longHashEqualsHashOfItsLittleEndianBytes() {
        // expected value computed once with a Python port checked against the vectors above
        assertEquals(0x76fb2972, MurmurHash3.hash64As8Bytes(1234567890123L, 7));
        long v = -5_000_000_000L;
        byte[] le = new byte[8];
        for (int i = 0; i < 8; i++) {
            le[i] = (byte) (v >>> (8 * i));
        }
        assertEquals(MurmurHash3.hash32(le, 99), MurmurHash3.hash64As8Bytes(v, 99));
    }

    @Test
    void fmix32IsTheFinalizer() {
        assertEquals(0, MurmurHash3.fmix32(0));
        // the finalizer of hash("", 1): h1 = 1 ^ len(0) = 1
        assertEquals(0x514E28B7, MurmurHash3.fmix32(1));
    }
}
