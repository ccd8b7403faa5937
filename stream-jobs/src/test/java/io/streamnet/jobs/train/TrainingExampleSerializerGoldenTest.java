package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.streamnet.jobs.flink.SerializerGolden;
import io.streamnet.jobs.model.GoldenFiles;
import java.io.IOException;
import java.util.List;
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

  static final List<TrainingExample> RECORDS = List.of(
      new TrainingExample("imdb-1", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
      new TrainingExample("ünïcödé-ĳ", new int[0], 0f, 0L),
      new TrainingExample(null, null, 1f, -1L));
  static final SerializerGolden<TrainingExample> GOLDEN = new SerializerGolden<>(
      TrainingExampleSerializerGoldenTest.class, "training-example-serializer-v1", TrainingExampleSerializer.INSTANCE,
      RECORDS);

  @Test
  void theSnapshotRestoresTodaysSerializerCompatibleAsIs() throws IOException {
    // the class name is what a checkpoint would hold: moving or renaming the snapshot class breaks restores
    assertEquals("io.streamnet.jobs.train.TrainingExampleSerializer$Snapshot v3", GOLDEN.snapshotHead());
    assertSame(TrainingExampleSerializer.INSTANCE, GOLDEN.restore());
  }

  @Test
  void theRestoredSerializerReadsTheRecords() throws IOException {
    assertEquals(RECORDS, GOLDEN.readRecords());
  }

  @Test
  void todaysSerializerWritesTheGoldenBytes() throws IOException {
    GOLDEN.assertTodaysBytes();
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    GOLDEN.writeOnce();
  }
}
