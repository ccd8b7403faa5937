package io.streamnet.jobs.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What Flink keeps of a serializer in a checkpoint, for golden files: the serializer snapshot as
 * {@link TypeSerializerSnapshot#writeVersionedSnapshot} writes it (snapshot class name, snapshot version, its
 * content), and records in the serializer's own format.
 */
public final class SerializerGoldens {

  private SerializerGoldens() {}

  /** The versioned snapshot of {@code serializer}'s configuration, as a checkpoint holds it. */
  public static byte[] snapshot(TypeSerializer<?> serializer) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
    return out.getCopyOfBuffer();
  }

  /** The snapshot class name and version at the start of a versioned snapshot, e.g. {@code "a.B$Snapshot v3"}. */
  public static String snapshotHead(byte[] snapshot) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(snapshot);
    return in.readUTF() + " v" + in.readInt();
  }

  /**
   * Restores the serializer from a versioned snapshot as Flink does on restore, after checking that
   * {@code current} (today's serializer) reads its data as is.
   */
  public static <T> TypeSerializer<T> restore(byte[] snapshot, TypeSerializer<T> current) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(snapshot);
    TypeSerializerSnapshot<T> old =
        TypeSerializerSnapshot.readVersionedSnapshot(in, SerializerGoldens.class.getClassLoader());
    assertEquals(0, in.available(), "nothing after the snapshot");
    TypeSerializerSchemaCompatibility<T> c = current.snapshotConfiguration().resolveSchemaCompatibility(old);
    assertTrue(c.isCompatibleAsIs(), "today's serializer against the golden snapshot: " + c);
    return old.restoreSerializer();
  }

  public static <T> byte[] serialize(TypeSerializer<T> serializer, List<T> records) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (T r : records) {
      serializer.serialize(r, out);
    }
    return out.getCopyOfBuffer();
  }

  /** The {@code n} records in {@code bytes}, which must hold nothing else. */
  public static <T> List<T> deserialize(TypeSerializer<T> serializer, byte[] bytes, int n) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    List<T> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(serializer.deserialize(in));
    }
    assertEquals(0, in.available(), "nothing after the " + n + " records");
    return records;
  }
}
