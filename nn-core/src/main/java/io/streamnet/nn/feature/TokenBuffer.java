package io.streamnet.nn.feature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one text, reusable across texts: their UTF-8 bytes written one after another, separated by a
 * single space, with each token's byte range. Because of that layout the n-gram of tokens {@code k..k+n-1} is the
 * contiguous byte range {@code [start(k), end(k+n-1))}, i.e. exactly the UTF-8 bytes of the tokens joined by
 * {@code " "}, so n-grams are hashed without building any string.
 */
public final class TokenBuffer {
    private byte[] bytes = new byte[4096];
    private int byteCount;
    private int[] starts = new int[512];
    private int[] ends = new int[512];
    private int tokenCount;
    private boolean open;

    public void clear() {
        byteCount = 0;
        tokenCount = 0;
        open = false;
    }

    /** Appends one code point (already lower-cased) to the current token, starting a token if none is open. */
    void appendCodePoint(int cp) {
        if (!open) {
            if (tokenCount > 0) {
                putByte(' ');
            }
            if (tokenCount == starts.length) {
                starts = Arrays.copyOf(starts, tokenCount * 2);
                ends = Arrays.copyOf(ends, tokenCount * 2);
            }
            starts[tokenCount] = byteCount;
            open = true;
        }
        if (cp < 0x80) {
            putByte(cp);
        } else if (cp < 0x800) {
            putByte(0xc0 | cp >>> 6);
            putByte(0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            putByte(0xe0 | cp >>> 12);
            putByte(0x80 | cp >>> 6 & 0x3f);
            putByte(0x80 | cp & 0x3f);
        } else {
            putByte(0xf0 | cp >>> 18);
            putByte(0x80 | cp >>> 12 & 0x3f);
            putByte(0x80 | cp >>> 6 & 0x3f);
            putByte(0x80 | cp & 0x3f);
        }
    }

    /** Closes the open token, if any. */
    void endToken() {
        if (open) {
            ends[tokenCount++] = byteCount;
            open = false;
        }
    }

    private void putByte(int b) {
        if (byteCount == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[byteCount++] = (byte) b;
    }

    public int tokenCount() {
        return tokenCount;
    }

    /** First byte of token {@code k}. */
    public int start(int k) {
        return starts[k];
    }

    /** One past the last byte of token {@code k}. */
    public int end(int k) {
        return ends[k];
    }

    /** The backing bytes; meaningful between token starts and ends. */
    public byte[] bytes() {
        return bytes;
    }

    /** Token {@code k} as a string (for tests and debugging; the hot path never calls this). */
    public String token(int k) {
        return new String(bytes, starts[k], ends[k] - starts[k], StandardCharsets.UTF_8);
    }
}
