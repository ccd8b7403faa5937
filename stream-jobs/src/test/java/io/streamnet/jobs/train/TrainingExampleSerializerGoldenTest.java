package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.streamnet.jobs.flink.SerializerGoldens;
import io.streamnet.jobs.model.GoldenFiles;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of {@link TrainingExampleSerializer}: {@code golden/training-example-serializer-v1-snapshot.bin} (its
 * serializer snapshot, written with {@code TypeSerializerSnapshot.writeVersionedSnapshot}: the snapshot's class name,
 * its version, no content) and {@code golden/training-example-serializer-v1-records.bin} ({@link #RECORDS} in today's
 * record layout). Today the serializer only carries records between tasks (the trainer keeps pending examples in its
 * own format), so no checkpoint holds it yet; these files pin it for the day one does. The snapshot says nothing about
 * the layout, so the records file is what catches a changed layout. Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them; a new layout needs a new snapshot
 * version and new golden files beside these.
 */
class TrainingExampleSerializerGoldenTest {

  static final String SNAPSHOT = "training-example-serializer-v1-snapshot.bin";
  static final String RECORDS_FILE = "training-example-serializer-v1-records.bin";
  static final List<TrainingExample> RECORDS = List.of(
      new TrainingExample("imdb-1", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
      new TrainingExample("ünïcödé-ĳ", new int[0], 0f, 0L),
      new TrainingExample(null, null, 1f, -1L));

  @Test
  void theSnapshotRestoresTodaysSerializerCompatibleAsIs() throws IOException {
    byte[] snapshot = GoldenFiles.read(getClass(), SNAPSHOT);
    // the class name is what a checkpoint would hold: moving or renaming the snapshot class breaks restores
    assertEquals("io.streamnet.jobs.train.TrainingExampleSerializer$Snapshot v3",
        SerializerGoldens.snapshotHead(snapshot));
    assertSame(TrainingExampleSerializer.INSTANCE,
        SerializerGoldens.restore(snapshot, TrainingExampleSerializer.INSTANCE));
  }

  @Test
  void theRestoredSerializerReadsTheRecords() throws IOException {
    TypeSerializer<TrainingExample> restored =
        SerializerGoldens.restore(GoldenFiles.read(getClass(), SNAPSHOT), TrainingExampleSerializer.INSTANCE);
    byte[] records = GoldenFiles.read(getClass(), RECORDS_FILE);
    assertEquals(RECORDS, SerializerGoldens.deserialize(restored, records, RECORDS.size()));
  }

  @Test
  void todaysSerializerWritesTheGoldenBytes() throws IOException {
    assertArrayEquals(GoldenFiles.read(getClass(), SNAPSHOT),
        SerializerGoldens.snapshot(TrainingExampleSerializer.INSTANCE));
    assertArrayEquals(GoldenFiles.read(getClass(), RECORDS_FILE),
        SerializerGoldens.serialize(TrainingExampleSerializer.INSTANCE, RECORDS));
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    GoldenFiles.writeOnce(getClass(), SNAPSHOT, SerializerGoldens.snapshot(TrainingExampleSerializer.INSTANCE));
    GoldenFiles.writeOnce(getClass(), RECORDS_FILE,
        SerializerGoldens.serialize(TrainingExampleSerializer.INSTANCE, RECORDS));
  }
}
