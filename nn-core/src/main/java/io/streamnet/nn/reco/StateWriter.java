package io.streamnet.nn.reco;

import io.streamnet.nn.state.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a state in the project's state format: a 4-byte magic and an int version, the content (big-endian), and a
 * 32-byte SHA-256 trailer of everything before it ({@link StateReader} checks all three). Floats are written as
 * raw bits, so that NaN payloads and -0 survive and a decoded state re-encodes to the same bytes.
 */
final class StateWriter {
    private ByteBuffer buf;

    /** Starts a state with its header. */
    StateWriter(byte[] magic, int version) {
        buf = ByteBuffer.allocate(1 << 12);
        if (magic.length != 4) {
            throw new IllegalArgumentException("magic must be 4 bytes");
        }
        buf.put(magic).putInt(version);
    }

    private ByteBuffer room(long bytes) {
        if (buf.remaining() < bytes) {
            long need = buf.position() + bytes;
            if (need > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("state of " + need + " bytes exceeds one array");
            }
            int size = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(need, 2L * buf.capacity()));
            ByteBuffer bigger = ByteBuffer.allocate(size);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }

    StateWriter putInt(int v) {
        room(4).putInt(v);
        return this;
    }

    StateWriter putLong(long v) {
        room(8).putLong(v);
        return this;
    }

    StateWriter putDouble(double v) {
        room(8).putLong(Double.doubleToRawLongBits(v));
        return this;
    }

    StateWriter putFloat(float v) {
        room(4).putInt(Float.floatToRawIntBits(v));
        return this;
    }

    StateWriter putBoolean(boolean v) {
        room(1).put((byte) (v ? 1 : 0));
        return this;
    }

    StateWriter putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(4L + b.length).putInt(b.length).put(b);
        return this;
    }

    /** An int length, then the bytes. */
    StateWriter putBytes(byte[] b) {
        room(4L + b.length).putInt(b.length).put(b);
        return this;
    }

    /** {@code a[0, n)} without a length (the reader knows it). */
    StateWriter putFloats(float[] a, int n) {
        room(4L * n).asFloatBuffer().put(a, 0, n); // raw bits: a float view copies, it does not canonicalise NaN
        buf.position(buf.position() + 4 * n);
        return this;
    }

    StateWriter putInts(int[] a, int n) {
        room(4L * n).asIntBuffer().put(a, 0, n);
        buf.position(buf.position() + 4 * n);
        return this;
    }

    StateWriter putLongs(long[] a, int n) {
        room(8L * n).asLongBuffer().put(a, 0, n);
        buf.position(buf.position() + 8 * n);
        return this;
    }

    /** The state's bytes, with the SHA-256 trailer. */
    byte[] finish() {
        int end = buf.position();
        byte[] out = Arrays.copyOf(buf.array(), end + StateReader.DIGEST);
        System.arraycopy(Sha256.of(out, 0, end), 0, out, end, StateReader.DIGEST);
        return out;
    }
}
