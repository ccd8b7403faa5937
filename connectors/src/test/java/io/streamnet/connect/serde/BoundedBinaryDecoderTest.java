package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.Contracts;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class BoundedBinaryDecoderTest {

  @Test
  void decodesEveryContractLikeAvrosOwnDecoder() throws IOException {
    for (SpecificRecordBase sample : ContractSamples.all()) {
      byte[] bytes = encode(sample);
      Schema schema = sample.getSchema();
      SpecificDatumReader<Object> reader = new SpecificDatumReader<>(schema, schema, SpecificData.getForClass(sample.getClass()));
      BoundedBinaryDecoder in = new BoundedBinaryDecoder(bytes, 0, bytes.length, false);

      assertEquals(sample, reader.read(null, in), schema.getName());
      assertEquals(0, in.remaining(), schema.getName());
    }
  }

  @Test
  void primitivesFollowTheAvroEncoding() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    e.writeInt(-1);
    e.writeInt(Integer.MIN_VALUE);
    e.writeLong(Long.MAX_VALUE);
    e.writeFloat(Float.NaN);
    e.writeDouble(-0.25);
    e.writeBoolean(true);
    e.writeString("héllo");
    e.writeBytes(new byte[] {7, 8});
    e.flush();
    byte[] b = out.toByteArray();
    BoundedBinaryDecoder d = new BoundedBinaryDecoder(b, 0, b.length, false);

    assertEquals(-1, d.readInt());
    assertEquals(Integer.MIN_VALUE, d.readInt());
    assertEquals(Long.MAX_VALUE, d.readLong());
    assertTrue(Float.isNaN(d.readFloat()));
    assertEquals(-0.25, d.readDouble());
    assertTrue(d.readBoolean());
    assertEquals("héllo", d.readString());
    assertEquals(java.nio.ByteBuffer.wrap(new byte[] {7, 8}), d.readBytes(null));
    assertEquals(0, d.remaining());
  }

  @Test
  void aHugeLengthPrefixIsRejectedBeforeAllocating() {
    // zig-zag varint of 2^30: a string "of one gigabyte" in 5 bytes.
    byte[] b = varint(1L << 31);
    BoundedBinaryDecoder d = new BoundedBinaryDecoder(b, 0, b.length, false);

    EOFException e = assertThrows(EOFException.class, d::readString);
    assertTrue(e.getMessage().contains("1073741824"), e.getMessage());
  }

  @Test
  void aHugeItemCountIsRejected() throws IOException {
    byte[] b = varint(2L * 1_000_000_000L);
    assertThrows(EOFException.class, () -> new BoundedBinaryDecoder(b, 0, b.length, false).readArrayStart());
    assertThrows(EOFException.class, () -> new BoundedBinaryDecoder(b, 0, b.length, false).readMapStart());
    // Arrays of zero-size items are capped by count instead of bytes.
    assertThrows(EOFException.class, () -> new BoundedBinaryDecoder(b, 0, b.length, true).readArrayStart());
    byte[] small = varint(2L * 1000);
    assertEquals(1000, new BoundedBinaryDecoder(small, 0, small.length, true).readArrayStart());
  }

  @Test
  void negativeLengthsAndOverlongVarintsAreMalformed() {
    byte[] negative = varint(1); // zig-zag 1 = -1
    assertThrows(IOException.class, () -> new BoundedBinaryDecoder(negative, 0, 1, false).readBytes(null));
    byte[] overlong = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};
    IOException e = assertThrows(IOException.class, () -> new BoundedBinaryDecoder(overlong, 0, 6, false).readInt());
    assertTrue(e.getMessage().contains("varint"), e.getMessage());
  }

  @Test
  void findsArraysOfZeroSizeItems() {
    assertFalse(Contracts.ALL.stream().anyMatch(c -> BoundedBinaryDecoder.hasZeroSizeItems(c.current())),
        "no contract has them, so every contract gets the byte bound");
    Schema nulls = new Schema.Parser().parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"null"}}]}""");
    Schema empties = new Schema.Parser().parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":{"type":"map","values":
          {"type":"array","items":{"type":"record","name":"E","fields":[]}}}}]}""");
    assertTrue(BoundedBinaryDecoder.hasZeroSizeItems(nulls));
    assertTrue(BoundedBinaryDecoder.hasZeroSizeItems(empties));
  }

  /** The raw varint bytes of an already zig-zagged value. */
  private static byte[] varint(long zigzagged) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = zigzagged;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  static byte[] encode(SpecificRecordBase record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<Object>(record.getSchema(), SpecificData.getForClass(record.getClass())).write(record, e);
    e.flush();
    return out.toByteArray();
  }
}
