package io.streamnet.jobs.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.GoldenFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The golden files of a Flink serializer, as a checkpoint holds it: {@code <name>-snapshot.bin}, the serializer
 * snapshot as {@link TypeSerializerSnapshot#writeVersionedSnapshot} writes it (snapshot class name, snapshot version,
 * content), and {@code <name>-records.bin}, {@code records} in the serializer's own layout.
 *
 * @param owner      the golden test (its package's {@code golden/} folder holds the files)
 * @param name       the files' common prefix, e.g. {@code model-part-serializer-v1}
 * @param serializer today's serializer
 * @param records    what the records file holds
 */
public record SerializerGolden<T>(Class<?> owner, String name, TypeSerializer<T> serializer, List<T> records) {

  /** The snapshot class name and version at the start of the golden snapshot, e.g. {@code "a.B$Snapshot v3"}. */
  public String snapshotHead() throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(read("snapshot"));
    return in.readUTF() + " v" + in.readInt();
  }

  /**
   * The serializer restored from the golden snapshot as Flink restores it, after checking that today's serializer
   * reads its data as is.
   */
  public TypeSerializer<T> restore() throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(read("snapshot"));
    TypeSerializerSnapshot<T> old = TypeSerializerSnapshot.readVersionedSnapshot(in, owner.getClassLoader());
    assertEquals(0, in.available(), "nothing after the snapshot");
    TypeSerializerSchemaCompatibility<T> c = serializer.snapshotConfiguration().resolveSchemaCompatibility(old);
    assertTrue(c.isCompatibleAsIs(), "today's serializer against the golden snapshot: " + c);
    return old.restoreSerializer();
  }

  /** The golden records, read by the serializer {@link #restore()}d from the golden snapshot. */
  public List<T> readRecords() throws IOException {
    TypeSerializer<T> restored = restore();
    DataInputDeserializer in = new DataInputDeserializer(read("records"));
    List<T> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      out.add(restored.deserialize(in));
    }
    assertEquals(0, in.available(), "nothing after the " + records.size() + " records");
    return out;
  }

  /** Today's serializer writes the golden bytes (both formats are canonical: a changed writer fails here). */
  public void assertTodaysBytes() throws IOException {
    assertArrayEquals(read("snapshot"), snapshotBytes(), name + " snapshot");
    assertArrayEquals(read("records"), recordsBytes(), name + " records");
  }

  /** Writes both golden files; fails if they exist. */
  public void writeOnce() throws IOException {
    GoldenFiles.writeOnce(owner, name + "-snapshot.bin", snapshotBytes());
    GoldenFiles.writeOnce(owner, name + "-records.bin", recordsBytes());
  }

  private byte[] read(String what) throws IOException {
    return GoldenFiles.read(owner, name + "-" + what + ".bin");
  }

  private byte[] snapshotBytes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
    return out.getCopyOfBuffer();
  }

  private byte[] recordsBytes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (T r : records) {
      serializer.serialize(r, out);
    }
    return out.getCopyOfBuffer();
  }
}
