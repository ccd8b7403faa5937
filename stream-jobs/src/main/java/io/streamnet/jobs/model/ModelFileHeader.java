package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The fixed-size header of a model file, big-endian:
 * <pre>
 *   magic "SNNF" | u16 format version (1) | u16 0 | i64 epoch | i64 version | i64 checkpoint id
 *   | i64 content length | 32 bytes SHA-256 of the content
 * </pre>
 * followed by the content (nn-core's ModelStateCodec bytes).
 */
record ModelFileHeader(ModelVersion version, long checkpointId, long contentLength, byte[] sha256) {

  static final byte[] MAGIC = {'S', 'N', 'N', 'F'};
  static final int FORMAT_VERSION = 1;
  static final int BYTES = 4 + 2 + 2 + 8 * 4 + 32;

  void write(DataOutputStream out) throws IOException {
    out.write(MAGIC);
    out.writeShort(FORMAT_VERSION);
    out.writeShort(0);
    out.writeLong(version.epoch());
    out.writeLong(version.version());
    out.writeLong(checkpointId);
    out.writeLong(contentLength);
    out.write(sha256);
  }

  /** Reads and checks a header; {@code file} names the file in errors. */
  static ModelFileHeader read(DataInputStream in, String file) throws IOException {
    byte[] bytes = new byte[BYTES];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new CorruptModelFileException(file, "shorter than the " + BYTES + "-byte header");
    }
    if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
      throw new CorruptModelFileException(file, "does not start with magic 'SNNF' (not a StreamNet model file)");
    }
    DataInputStream h = new DataInputStream(new ByteArrayInputStream(bytes, 4, BYTES - 4));
    int format = h.readUnsignedShort();
    if (format != FORMAT_VERSION) {
      throw new CorruptModelFileException(file, "format version " + format + ", this code reads version "
          + FORMAT_VERSION);
    }
    h.readUnsignedShort();
    long epoch = h.readLong();
    long version = h.readLong();
    long checkpointId = h.readLong();
    long length = h.readLong();
    if (epoch < 0 || version < 0 || checkpointId < 0 || length < 0) {
      throw new CorruptModelFileException(file, "negative header field (epoch " + epoch + ", version " + version
          + ", checkpoint " + checkpointId + ", length " + length + ")");
    }
    byte[] sha = new byte[32];
    h.readFully(sha);
    return new ModelFileHeader(new ModelVersion(epoch, version), checkpointId, length, sha);
  }
}
