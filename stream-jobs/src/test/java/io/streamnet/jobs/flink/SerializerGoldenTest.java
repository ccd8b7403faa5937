package io.streamnet.jobs.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.testing.GoldenFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The golden files of a Flink serializer, as a checkpoint holds it, and their tests: {@code <name>-snapshot.bin}, the
 * serializer snapshot as {@link TypeSerializerSnapshot#writeVersionedSnapshot} writes it (snapshot class name, snapshot
 * version, content), and {@code <name>-records.bin}, the subclass's records in the serializer's own layout. A
 * configuration-free snapshot ({@code SimpleTypeSerializerSnapshot}) is compatible as is whenever the serializer class
 * is the same, whatever its layout, so the records file is what catches a changed layout. The files are in
 * {@code golden/} of the subclass's package; its javadoc says what they are.
 */
public abstract class SerializerGoldenTest<T> {

  private final String name;
  private final TypeSerializer<T> serializer;
  private final List<T> records;
  private final String snapshotHead;

  /**
   * @param name         the files' common prefix, e.g. {@code model-part-serializer-v1}
   * @param serializer   today's serializer
   * @param records      what the records file holds
   * @param snapshotHead the snapshot class name and version the snapshot starts with, e.g. {@code "a.B$Snapshot v3"}
   */
  protected SerializerGoldenTest(String name, TypeSerializer<T> serializer, List<T> records, String snapshotHead) {
    this.name = name;
    this.serializer = serializer;
    this.records = records;
    this.snapshotHead = snapshotHead;
  }

  @Test
  public void theSnapshotRestoresTodaysSerializerCompatibleAsIs() throws IOException {
    // the class name is in every checkpoint: moving or renaming the snapshot class breaks restores
    DataInputDeserializer in = new DataInputDeserializer(read("snapshot"));
    assertEquals(snapshotHead, in.readUTF() + " v" + in.readInt());
    assertSame(serializer, restore());
  }

  @Test
  public void theRestoredSerializerReadsTheRecords() throws IOException {
    TypeSerializer<T> restored = restore();
    DataInputDeserializer in = new DataInputDeserializer(read("records"));
    List<T> read = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      read.add(restored.deserialize(in));
    }
    assertEquals(0, in.available(), "nothing after the " + records.size() + " records");
    assertEquals(records, read);
  }

  @Test
  public void todaysSerializerWritesTheGoldenBytes() throws IOException {
    // both are canonical: a changed writer fails here (a new layout moves this check to its own files)
    assertArrayEquals(read("snapshot"), snapshotBytes(), name + " snapshot");
    assertArrayEquals(read("records"), recordsBytes(), name + " records");
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  public void writeGoldenFiles() throws IOException {
    GoldenFiles.writeOnce(getClass(), name + "-snapshot.bin", snapshotBytes());
    GoldenFiles.writeOnce(getClass(), name + "-records.bin", recordsBytes());
  }

  /** The serializer restored from the golden snapshot as Flink restores it, once today's reads its data as is. */
  private TypeSerializer<T> restore() throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(read("snapshot"));
    TypeSerializerSnapshot<T> old = TypeSerializerSnapshot.readVersionedSnapshot(in, getClass().getClassLoader());
    assertEquals(0, in.available(), "nothing after the snapshot");
    TypeSerializerSchemaCompatibility<T> c = serializer.snapshotConfiguration().resolveSchemaCompatibility(old);
    assertTrue(c.isCompatibleAsIs(), "today's serializer against the golden snapshot: " + c);
    return old.restoreSerializer();
  }

  private byte[] read(String what) throws IOException {
    return GoldenFiles.read(getClass(), name + "-" + what + ".bin");
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
