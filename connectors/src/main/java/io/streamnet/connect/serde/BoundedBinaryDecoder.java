package io.streamnet.connect.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one byte array that checks every length and item count against the bytes that are
 * actually left before allocating anything. Avro's own decoder allocates first, so a corrupt length prefix of a few
 * bytes can ask for gigabytes and end the JVM with an OutOfMemoryError; here it is an {@link EOFException} instead.
 * Encoding rules are those of the Avro specification (zig-zag varints, little-endian floats, blocked arrays and maps).
 */
final class BoundedBinaryDecoder extends Decoder {

  /** Cap on items per block for arrays whose items take no bytes (e.g. an array of null), where bytes cannot bound them. */
  static final long MAX_ZERO_SIZE_ITEMS = 1 << 20;

  private final byte[] buf;
  private final int limit;
  private final boolean zeroSizeItems;
  private int pos;

  /**
   * @param zeroSizeItems whether the writer schema has arrays whose items can take zero bytes
   *                      (see {@link #hasZeroSizeItems(Schema)})
   */
  BoundedBinaryDecoder(byte[] buf, int offset, int length, boolean zeroSizeItems) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.zeroSizeItems = zeroSizeItems;
  }

  /** Bytes not yet read. */
  int remaining() {
    return limit - pos;
  }

  @Override
  public void readNull() {
    // null takes no bytes
  }

  @Override
  public boolean readBoolean() throws IOException {
    need(1);
    return buf[pos++] == 1;
  }

  @Override
  public int readInt() throws IOException {
    int n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      need(1);
      int b = buf[pos++] & 0xff;
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new IOException("invalid int encoding: varint longer than 5 bytes at byte " + pos);
  }

  @Override
  public long readLong() throws IOException {
    long n = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      need(1);
      long b = buf[pos++] & 0xff;
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new IOException("invalid long encoding: varint longer than 10 bytes at byte " + pos);
  }

  @Override
  public float readFloat() throws IOException {
    need(4);
    int bits = (buf[pos] & 0xff) | ((buf[pos + 1] & 0xff) << 8) | ((buf[pos + 2] & 0xff) << 16) | ((buf[pos + 3] & 0xff) << 24);
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    need(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length();
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(buf, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  @Override
  public void skipString() throws IOException {
    pos += length();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length();
    ByteBuffer result;
    if (old != null && length <= old.capacity()) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    result.put(buf, pos, length);
    result.flip();
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    pos += length();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    need(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    need(length);
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return blockCount();
  }

  @Override
  public long arrayNext() throws IOException {
    return blockCount();
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks();
  }

  @Override
  public long readMapStart() throws IOException {
    return blockCount();
  }

  @Override
  public long mapNext() throws IOException {
    return blockCount();
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks();
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** Item count of the next block; a negative count is followed by the block's size in bytes. */
  private long blockCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      blockSize();
      count = negate(count);
    }
    return checkedCount(count);
  }

  /** Skips whole blocks whose byte size is known; returns the item count of the first block that must be read. */
  private long skipBlocks() throws IOException {
    long count = readLong();
    while (count < 0) {
      negate(count);
      pos += blockSize();
      count = readLong();
    }
    return checkedCount(count);
  }

  private int blockSize() throws IOException {
    long size = readLong();
    if (size < 0) {
      throw new IOException("malformed data: negative block size " + size + " at byte " + pos);
    }
    need(size);
    return (int) size;
  }

  private static long negate(long count) throws IOException {
    if (count == Long.MIN_VALUE) {
      throw new IOException("malformed data: block count " + count);
    }
    return -count;
  }

  private long checkedCount(long count) throws IOException {
    long cap = zeroSizeItems ? MAX_ZERO_SIZE_ITEMS : remaining();
    if (count > cap) {
      throw new EOFException("block claims " + count + " items but only " + remaining() + " bytes remain at byte " + pos);
    }
    return count;
  }

  private int length() throws IOException {
    long length = readLong();
    if (length < 0) {
      throw new IOException("malformed data: negative length " + length + " at byte " + pos);
    }
    need(length);
    return (int) length;
  }

  private void need(long n) throws EOFException {
    if (n > limit - pos) {
      throw new EOFException("needs " + n + " byte(s) at byte " + pos + " but only " + (limit - pos) + " remain");
    }
  }

  /** Whether {@code schema} contains an array whose items can be encoded in zero bytes. */
  static boolean hasZeroSizeItems(Schema schema) {
    return hasZeroSizeItems(schema, new HashSet<>());
  }

  private static boolean hasZeroSizeItems(Schema s, Set<String> visited) {
    return switch (s.getType()) {
      case ARRAY -> minSize(s.getElementType(), new HashSet<>()) == 0 || hasZeroSizeItems(s.getElementType(), visited);
      case MAP -> hasZeroSizeItems(s.getValueType(), visited);
      case UNION -> s.getTypes().stream().anyMatch(t -> hasZeroSizeItems(t, visited));
      case RECORD -> visited.add(s.getFullName())
          && s.getFields().stream().anyMatch(f -> hasZeroSizeItems(f.schema(), visited));
      default -> false;
    };
  }

  /** The fewest bytes a value of {@code s} can take (0 or at least 1 is all that matters). */
  private static int minSize(Schema s, Set<String> visited) {
    return switch (s.getType()) {
      case NULL -> 0;
      case FIXED -> s.getFixedSize();
      case RECORD -> {
        if (!visited.add(s.getFullName())) {
          yield 1;
        }
        int sum = 0;
        for (Schema.Field f : s.getFields()) {
          sum += minSize(f.schema(), visited);
        }
        yield sum;
      }
      default -> 1;
    };
  }
}
