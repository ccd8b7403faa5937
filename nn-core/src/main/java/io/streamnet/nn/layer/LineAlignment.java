package io.streamnet.nn.layer;

/**
 * Where a large float array's data sits against 64-byte cache lines on this JVM. G1 places an array of at least
 * half a region (a humongous object) at a region boundary, so its data starts {@code ARRAY_FLOAT_BASE_OFFSET}
 * bytes (16 on a default JVM) past a line boundary; skipping {@link #headFloats()} floats reaches the next one.
 */
public final class LineAlignment {
    /** A cache line on every x86-64 and AArch64 server this project runs on. */
    public static final int LINE_BYTES = 64;
    private static final int HEAD = headFloats(sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET);

    private LineAlignment() {}

    /** Floats from the start of a large array's data to the first line boundary, on this JVM. */
    public static int headFloats() {
        return HEAD;
    }

    /** Floats before the first line boundary, for array data that starts {@code baseOffset} bytes into a line. */
    static int headFloats(int baseOffset) {
        return ((LINE_BYTES - baseOffset % LINE_BYTES) % LINE_BYTES) / Float.BYTES;
    }
}
