package io.streamnet.nn.feature;

/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain, SMHasher's {@code MurmurHash3_x86_32}), on byte ranges,
 * plus its 32-bit finalizer {@link #fmix32}. Little-endian block reads, as the reference implementation on x86.
 *
 * <p>Used for feature hashing (text n-grams, categorical values) and for the canonical stream order
 * (see {@code io.streamnet.nn.data.CanonicalOrder}); both must give the same values on every platform and
 * in the Python peers, so this is a plain, allocation-free port.
 */
public final class MurmurHash3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private MurmurHash3() {}

    /** Hash of {@code data[off, off+len)} with the given seed. */
    public static int hash32(byte[] data, int off, int len, int seed) {
        int h1 = seed;
        int end = off + (len & ~3);
        for (int i = off; i < end; i += 4) {
            int k1 = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | data[i + 3] << 24;
            h1 ^= mixK1(k1);
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = len & 3;
        if (tail > 0) {
            int k1 = data[end] & 0xff;
            if (tail >= 2) {
                k1 ^= (data[end + 1] & 0xff) << 8;
            }
            if (tail == 3) {
                k1 ^= (data[end + 2] & 0xff) << 16;
            }
            h1 ^= mixK1(k1);
        }
        h1 ^= len;
        return fmix32(h1);
    }

    /** Hash of a whole byte array. */
    public static int hash32(byte[] data, int seed) {
        return hash32(data, 0, data.length, seed);
    }

    /** Hash of a long as its 8 little-endian bytes (for numeric categorical values, no allocation). */
    public static int hash64As8Bytes(long value, int seed) {
        int h1 = seed;
        h1 ^= mixK1((int) value);
        h1 = Integer.rotateLeft(h1, 13) * 5 + 0xe6546b64;
        h1 ^= mixK1((int) (value >>> 32));
        h1 = Integer.rotateLeft(h1, 13) * 5 + 0xe6546b64;
        h1 ^= 8;
        return fmix32(h1);
    }

    /** MurmurHash3's 32-bit finalizer: a bijection on int that avalanches every input bit. */
    public static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK1(int k1) {
        k1 *= C1;
        k1 = Integer.rotateLeft(k1, 15);
        return k1 * C2;
    }
}
