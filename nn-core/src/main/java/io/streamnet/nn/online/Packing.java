package io.streamnet.nn.online;

import java.io.DataInput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Big-endian bulk packing of primitive arrays for the checkpoint format: one copy instead of a call per value. */
final class Packing {
  private Packing() {}

  static byte[] ints(int[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES);
    b.asIntBuffer().put(values);
    return b.array();
  }

  static int[] readInts(DataInput in, int n) throws IOException {
    byte[] bytes = new byte[n * Integer.BYTES];
    in.readFully(bytes);
    int[] out = new int[n];
    ByteBuffer.wrap(bytes).asIntBuffer().get(out);
    return out;
  }

  static byte[] floats(float[] values, int n) {
    ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES);
    b.asFloatBuffer().put(values, 0, n);
    return b.array();
  }

  static float[] readFloats(DataInput in, int n) throws IOException {
    byte[] bytes = new byte[n * Float.BYTES];
    in.readFully(bytes);
    float[] out = new float[n];
    ByteBuffer.wrap(bytes).asFloatBuffer().get(out);
    return out;
  }
}
