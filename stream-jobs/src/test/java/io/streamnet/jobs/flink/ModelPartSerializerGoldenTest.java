package io.streamnet.jobs.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.streamnet.jobs.model.GoldenFiles;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.model.ModelVersion;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of {@link ModelPartSerializer}, which writes the scorer's broadcast state (the served model's parts)
 * into checkpoints: {@code golden/model-part-serializer-v1-snapshot.bin} (its serializer snapshot, written with
 * {@code TypeSerializerSnapshot.writeVersionedSnapshot}: the snapshot's class name, its version, no content) and
 * {@code golden/model-part-serializer-v1-records.bin} ({@link #RECORDS} in today's record layout). The snapshot says
 * nothing about the layout (a {@code SimpleTypeSerializerSnapshot} is compatible as is whenever the serializer class is
 * the same), so the records file is what catches a changed layout. Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them: checkpoints hold these bytes. A
 * new layout needs a new snapshot version (and new golden files beside these, which must keep being read).
 */
class ModelPartSerializerGoldenTest {

  static final List<ModelPart> RECORDS = List.of(
      new ModelPart("sentiment", new ModelVersion(2, 10), null, 0, 2, "{\"name\":\"golden\"}", new byte[] {1, 2, 3},
          null),
      new ModelPart("sentiment", new ModelVersion(2, 10), null, 1, 2, null, new byte[] {-1, 0, 127, -128},
          new double[] {12, 1.7e12, Double.NaN}),
      new ModelPart("ünï", new ModelVersion(3, 0), new ModelVersion(2, 10), 0, 1, null, new byte[0], new double[0]));
  static final SerializerGolden<ModelPart> GOLDEN = new SerializerGolden<>(ModelPartSerializerGoldenTest.class,
      "model-part-serializer-v1", ModelPartSerializer.INSTANCE, RECORDS);

  @Test
  void theSnapshotRestoresTodaysSerializerCompatibleAsIs() throws IOException {
    // the class name is in every checkpoint: moving or renaming ModelPartSerializer.Snapshot breaks restores
    assertEquals("io.streamnet.jobs.flink.ModelPartSerializer$Snapshot v3", GOLDEN.snapshotHead());
    assertSame(ModelPartSerializer.INSTANCE, GOLDEN.restore());
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
