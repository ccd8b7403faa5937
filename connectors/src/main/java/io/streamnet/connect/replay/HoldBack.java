package io.streamnet.connect.replay;

/**
 * Which records are held back as requests: record {@code index} is held back when a seeded 64-bit hash of the
 * index falls below {@code fraction}. The choice depends only on (seed, index), not on the stream order, the limit
 * or earlier choices, so the same record is a request in every replay with the same seed and fraction, and the
 * held-back share converges to {@code fraction}.
 */
public final class HoldBack {
    /** Keeps hold-back decisions independent of the canonical order, which hashes the same (index, seed). */
    private static final long SALT = 0x5DEECE66DL;
    private static final long GOLDEN_64 = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_53 = 0x1.0p53;

    private final double fraction;
    /** The seed, avalanched, so that nearby seeds give unrelated selections. */
    private final long seedMix;
    /** {@code fraction * 2^53}: an index is held back when the top 53 bits of its hash are below this. */
    private final long threshold;

    /**
     * @param fraction share of records held back, in {@code [0, 1]}
     * @param seed     the replay's seed
     */
    public HoldBack(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("request fraction must be in [0, 1], got " + fraction);
        }
        this.fraction = fraction;
        this.seedMix = mix64(seed ^ SALT);
        this.threshold = (long) Math.floor(fraction * TWO_POW_53);
    }

    /** No record is held back: every event is labeled. */
    public static HoldBack none() {
        return new HoldBack(0, 0);
    }

    public double fraction() {
        return fraction;
    }

    /** Whether record {@code index} becomes a request. */
    public boolean isRequest(long index) {
        if (fraction == 0) {
            return false;
        }
        if (fraction == 1) {
            return true;
        }
        return (mix64(index * GOLDEN_64 + seedMix) >>> 11) < threshold;
    }

    /** MurmurHash3's 64-bit finalizer (a bijection that avalanches every input bit). */
    static long mix64(long z) {
        z ^= z >>> 33;
        z *= 0xFF51AFD7ED558CCDL;
        z ^= z >>> 33;
        z *= 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return z;
    }
}
