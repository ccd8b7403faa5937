package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The state writer's two passes: the counted size is the written one, and every field reads back as written. */
class StateWriterTest {
    private static final byte[] MAGIC = {'T', 'E', 'S', 'T'};

    @Test
    void everyKindOfFieldReadsBackFromAnArrayOfExactlyTheStatesSize() {
        float[] floats = {1.5f, -0f, Float.intBitsToFloat(0x7fc00001), Float.NEGATIVE_INFINITY};
        byte[] nested = {9, 8, 7};
        byte[] state = StateWriter.encode(MAGIC, 3, w -> w.putInt(-7).putLong(Long.MIN_VALUE).putDouble(0.25)
            .putFloat(-2.5f).putBoolean(true).putString("zeile ü").putBytes(new byte[] {1, 2})
            .putFloats(floats, 0, 4).putInts(new int[] {5, 6, 7}, 2).putLongs(new long[] {11, 12}, 2)
            .putBytes(nested.length, (array, offset, length) -> System.arraycopy(nested, 0, array, offset, length)));
        int content = 4 + 8 + 8 + 4 + 1 + (4 + "zeile ü".getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            + (4 + 2) + 16 + 8 + 16 + (4 + 3);
        assertEquals(8 + content + StateReader.DIGEST, state.length, "header, content and trailer, nothing more");

        StateReader r = StateReader.open(state, MAGIC, 3, "test state");
        assertEquals(-7, r.getInt("int"));
        assertEquals(Long.MIN_VALUE, r.getLong("long"));
        assertEquals(0.25, r.getDouble("double"));
        assertEquals(-2.5f, r.getFloat("float"));
        assertTrue(r.getBoolean("boolean"));
        assertEquals("zeile ü", r.getString("string"));
        assertArrayEquals(new byte[] {1, 2}, r.getBytes("bytes"));
        float[] f = new float[5];
        r.getFloats("floats", f, 1, 4);
        assertEquals(0f, f[0], "nothing before the offset is written");
        for (int i = 0; i < 4; i++) {
            assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(f[1 + i]), "raw bits of float " + i);
        }
        int[] ints = new int[2];
        r.getInts("ints", ints, 2);
        assertArrayEquals(new int[] {5, 6}, ints);
        long[] longs = new long[2];
        r.getLongs("longs", longs, 2);
        assertArrayEquals(new long[] {11, 12}, longs);
        assertArrayEquals(nested, r.getBytes("nested"));
        r.finish();
    }

    @Test
    void aContentThatWritesOtherwiseTheSecondTimeIsAnError() {
        AtomicInteger passes = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StateWriter.encode(MAGIC, 1, w -> {
            w.putInt(1);
            if (passes.incrementAndGet() == 1) {
                w.putInt(2);
            }
        }));
        assertTrue(e.getMessage().contains("must write the same both times"), e.getMessage());
    }
}
