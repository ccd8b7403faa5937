package io.streamnet.nn.reco;

import io.streamnet.nn.state.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Writes a state in the project's state format: a 4-byte magic and an int version, the content (big-endian), and a
 * 32-byte SHA-256 trailer of everything before it ({@link StateReader} checks all three). Floats are written as
 * raw bits, so that NaN payloads and -0 survive and a decoded state re-encodes to the same bytes.
 *
 * <p>{@link #encode} writes the content twice: first only counting its bytes, then into one array of exactly the
 * state's size, whose trailer is filled in place. A state is the trainer's checkpoint of a whole model (tens of MB,
 * every few seconds), so a buffer grown by doubling and copied at the end would allocate about three times the
 * state per checkpoint, all of it in arrays large enough to be the garbage collector's most expensive kind.
 */
final class StateWriter {
    /** Null while counting. */
    private final ByteBuffer buf;
    private long counted;

    private StateWriter(ByteBuffer buf) {
        this.buf = buf;
    }

    /** The state of {@code magic} and {@code version} whose content {@code content} writes (it must write the same twice). */
    static byte[] encode(byte[] magic, int version, Consumer<StateWriter> content) {
        if (magic.length != 4) {
            throw new IllegalArgumentException("magic must be 4 bytes");
        }
        StateWriter sizer = new StateWriter(null);
        content.accept(sizer);
        long size = 8 + sizer.counted + StateReader.DIGEST;
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("state of " + size + " bytes exceeds one array");
        }
        byte[] out = new byte[(int) size];
        StateWriter writer = new StateWriter(ByteBuffer.wrap(out));
        writer.buf.put(magic).putInt(version);
        content.accept(writer);
        int end = writer.buf.position();
        if (end != out.length - StateReader.DIGEST) {
            throw new IllegalStateException("the state's content wrote " + (end - 8) + " bytes, counted "
                + sizer.counted + " (its writer must write the same both times)");
        }
        System.arraycopy(Sha256.of(out, 0, end), 0, out, end, StateReader.DIGEST);
        return out;
    }

    /** The buffer to write {@code bytes} more into, or null while counting them. */
    private ByteBuffer room(long bytes) {
        if (buf == null) {
            counted += bytes;
        }
        return buf;
    }

    StateWriter putInt(int v) {
        ByteBuffer b = room(4);
        if (b != null) b.putInt(v);
        return this;
    }

    StateWriter putLong(long v) {
        ByteBuffer b = room(8);
        if (b != null) b.putLong(v);
        return this;
    }

    StateWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    StateWriter putFloat(float v) {
        return putInt(Float.floatToRawIntBits(v));
    }

    StateWriter putBoolean(boolean v) {
        ByteBuffer b = room(1);
        if (b != null) b.put((byte) (v ? 1 : 0));
        return this;
    }

    StateWriter putString(String s) {
        return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An int length, then the bytes. */
    StateWriter putBytes(byte[] bytes) {
        ByteBuffer b = room(4L + bytes.length);
        if (b != null) b.putInt(bytes.length).put(bytes);
        return this;
    }

    /** Writes {@code length} bytes into {@code array} from {@code offset}. */
    interface ArrayWriter {
        void write(byte[] array, int offset, int length);
    }

    /** An int length, then the {@code length} bytes {@code writer} writes in place (only when not counting). */
    StateWriter putBytes(int length, ArrayWriter writer) {
        ByteBuffer b = room(4L + length);
        if (b != null) {
            b.putInt(length);
            writer.write(b.array(), b.position(), length);
            b.position(b.position() + length);
        }
        return this;
    }

    /** {@code a[off, off + n)} without a length (the reader knows it). */
    StateWriter putFloats(float[] a, int off, int n) {
        ByteBuffer b = room(4L * n);
        if (b != null) {
            b.asFloatBuffer().put(a, off, n); // raw bits: a float view copies, it does not canonicalise NaN
            b.position(b.position() + 4 * n);
        }
        return this;
    }

    StateWriter putInts(int[] a, int n) {
        ByteBuffer b = room(4L * n);
        if (b != null) {
            b.asIntBuffer().put(a, 0, n);
            b.position(b.position() + 4 * n);
        }
        return this;
    }

    StateWriter putLongs(long[] a, int n) {
        ByteBuffer b = room(8L * n);
        if (b != null) {
            b.asLongBuffer().put(a, 0, n);
            b.position(b.position() + 8 * n);
        }
        return this;
    }
}
