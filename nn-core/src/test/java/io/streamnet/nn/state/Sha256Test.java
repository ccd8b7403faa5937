package io.streamnet.nn.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Sha256Test {

    static byte[] reference(byte[] b, int off, int len) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b, off, len);
        return md.digest();
    }

    @Test
    void piecewiseHashingEqualsOneUpdateAtEveryLengthAroundThePieceSize() throws Exception {
        byte[] data = new byte[300_001];
        new SplittableRandom(1).nextBytes(data);
        for (int len : new int[] {0, 1, 65_535, 65_536, 65_537, 131_072, 200_000, 300_001}) {
            assertArrayEquals(reference(data, 0, len), Sha256.of(data, 0, len), "length " + len);
            int off = Math.min(17, data.length - len);
            assertArrayEquals(reference(data, off, len), Sha256.of(data, off, len),
                    "offset " + off + ", length " + len);
        }
        assertArrayEquals(reference(data, 0, data.length), Sha256.of(data));
    }

    @Test
    void buffersAreHashedFromPositionToLimitAndLeftAsTheyWere() throws Exception {
        byte[] data = new byte[150_000];
        new SplittableRandom(2).nextBytes(data);
        ByteBuffer heap = ByteBuffer.wrap(data).position(10).limit(140_000);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).position(10).limit(140_000);
        byte[] expected = reference(data, 10, 139_990);
        assertArrayEquals(expected, Sha256.of(heap));
        assertArrayEquals(expected, Sha256.of(direct));
        assertEquals(10, heap.position());
        assertEquals(140_000, direct.limit());
    }
}
