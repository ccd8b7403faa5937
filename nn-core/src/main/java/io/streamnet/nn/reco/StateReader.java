package io.streamnet.nn.reco;

import io.streamnet.nn.state.Sha256;
import io.streamnet.nn.state.StateFormatException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a state written by {@link StateWriter}: checks the magic, the version and the SHA-256 trailer before
 * anything is parsed, then reads the content; every failure is a {@link StateFormatException} naming what (the
 * state's name, the field) and where.
 */
final class StateReader {
    static final int DIGEST = 32;

    private final ByteBuffer buf;
    private final String what;

    private StateReader(ByteBuffer buf, String what) {
        this.buf = buf;
        this.what = what;
    }

    /**
     * @param what the state's name for messages, e.g. "recommender state"
     * @throws StateFormatException on a wrong magic, a checksum mismatch or another version
     */
    static StateReader open(byte[] bytes, byte[] magic, int version, String what) {
        if (bytes.length < 8 + DIGEST) {
            throw new StateFormatException(what + " too short: " + bytes.length + " bytes");
        }
        if (!Arrays.equals(bytes, 0, 4, magic, 0, 4)) {
            throw new StateFormatException("not a " + what + " (magic bytes " + HexFormat.of().formatHex(bytes, 0, 4)
                    + ", expected " + HexFormat.of().formatHex(magic) + " \""
                    + new String(magic, StandardCharsets.US_ASCII) + "\")");
        }
        int end = bytes.length - DIGEST;
        byte[] stored = Arrays.copyOfRange(bytes, end, bytes.length);
        byte[] computed = Sha256.of(bytes, 0, end);
        if (!MessageDigest.isEqual(stored, computed)) {
            throw new StateFormatException(what + " checksum mismatch (SHA-256): stored "
                    + HexFormat.of().formatHex(stored) + ", computed " + HexFormat.of().formatHex(computed)
                    + "; the state is corrupted");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, end);
        buf.position(4);
        int v = buf.getInt();
        if (v != version) {
            throw new StateFormatException("unsupported " + what + " format version " + v + " (this build reads "
                    + version + ")");
        }
        return new StateReader(buf, what);
    }

    private StateFormatException truncated(String field, RuntimeException cause) {
        return new StateFormatException(what + " is truncated: it ends inside " + field + " (byte " + buf.position()
                + ")", cause);
    }

    int getInt(String field) {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
    }

    /** An int in {@code [min, max]}. */
    int getInt(String field, int min, int max) {
        int v = getInt(field);
        if (v < min || v > max) {
            throw invalid(field, v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    long getLong(String field) {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
    }

    double getDouble(String field) {
        return Double.longBitsToDouble(getLong(field));
    }

    float getFloat(String field) {
        return Float.intBitsToFloat(getInt(field));
    }

    boolean getBoolean(String field) {
        try {
            byte b = buf.get();
            if (b != 0 && b != 1) {
                throw invalid(field, "boolean byte " + b);
            }
            return b == 1;
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
    }

    String getString(String field) {
        return new String(getBytes(field), StandardCharsets.UTF_8);
    }

    byte[] getBytes(String field) {
        int n = getInt(field);
        if (n < 0) {
            throw invalid(field, "negative length " + n);
        }
        if (n > buf.remaining()) {
            throw truncated(field + " (" + n + " bytes, " + buf.remaining() + " left)", null);
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    void getFloats(String field, float[] a, int off, int n) {
        if (buf.remaining() < 4L * n) {
            throw truncated(field, null);
        }
        buf.asFloatBuffer().get(a, off, n);
        buf.position(buf.position() + 4 * n);
    }

    void getInts(String field, int[] a, int n) {
        if (buf.remaining() < 4L * n) {
            throw truncated(field, null);
        }
        buf.asIntBuffer().get(a, 0, n);
        buf.position(buf.position() + 4 * n);
    }

    void getLongs(String field, long[] a, int n) {
        if (buf.remaining() < 8L * n) {
            throw truncated(field, null);
        }
        buf.asLongBuffer().get(a, 0, n);
        buf.position(buf.position() + 8 * n);
    }

    /** A content error: {@code field} holds something impossible. */
    StateFormatException invalid(String field, String problem) {
        return new StateFormatException(what + ": " + field + ": " + problem);
    }

    /** Fails if bytes are left after the content. */
    void finish() {
        if (buf.hasRemaining()) {
            throw new StateFormatException(what + " has " + buf.remaining() + " unexpected bytes after its content");
        }
    }
}
