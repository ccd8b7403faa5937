package io.streamnet.nn.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Little-endian reads and writes of ints and floats in a byte[], without wrapping it in buffers. Floats keep their
 * exact bits (NaN payloads included): the var handles move raw int bits.
 */
final class LittleEndian {

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  /** From this many floats on, a bulk copy through a little-endian FloatBuffer view beats a VarHandle per float. */
  private static final int BULK = 64;
  /**
   * Floats per bulk copy: a copy runs to its end without a safepoint check, so a 16 MB parameter copied whole held
   * every thread of the JVM at the next GC for its duration (longer when the copying thread lost its core).
   */
  static final int SLICE = 64 * 1024;

  private LittleEndian() {}

  static void putUnsignedShort(byte[] dst, int pos, int value) {
    SHORT.set(dst, pos, (short) value);
  }

  static int getUnsignedShort(byte[] src, int pos) {
    return Short.toUnsignedInt((short) SHORT.get(src, pos));
  }

  static void putInt(byte[] dst, int pos, int value) {
    INT.set(dst, pos, value);
  }

  static int getInt(byte[] src, int pos) {
    return (int) INT.get(src, pos);
  }

  static void putLong(byte[] dst, int pos, long value) {
    LONG.set(dst, pos, value);
  }

  static long getLong(byte[] src, int pos) {
    return (long) LONG.get(src, pos);
  }

  /** Writes {@code len} floats of {@code src} from {@code off} at byte {@code pos} of {@code dst}. */
  static void putFloats(byte[] dst, int pos, float[] src, int off, int len) {
    if (len >= BULK) {
      FloatBuffer view = floats(dst, pos, len);
      for (int at = 0; at < len; at += SLICE) {
        view.put(at, src, off + at, Math.min(SLICE, len - at));
      }
      return;
    }
    for (int i = 0; i < len; i++) {
      FLOAT.set(dst, pos + 4 * i, src[off + i]);
    }
  }

  /** Reads {@code len} floats at byte {@code pos} of {@code src} into {@code dst} from {@code off}. */
  static void getFloats(byte[] src, int pos, float[] dst, int off, int len) {
    if (len >= BULK) { // a whole parameter: bulk copies (memcpy speed) instead of a load per float
      FloatBuffer view = floats(src, pos, len);
      for (int at = 0; at < len; at += SLICE) {
        view.get(at, dst, off + at, Math.min(SLICE, len - at));
      }
      return;
    }
    for (int i = 0; i < len; i++) {
      dst[off + i] = (float) FLOAT.get(src, pos + 4 * i);
    }
  }

  /** The {@code len} little-endian floats at byte {@code pos} of {@code bytes} as a buffer (index 0 at {@code pos}). */
  static FloatBuffer floats(byte[] bytes, int pos, int len) {
    return ByteBuffer.wrap(bytes, pos, 4 * len).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
  }
}
