package io.streamnet.jobs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.state.Sha256;
import io.streamnet.nn.testing.GoldenFiles;
import io.streamnet.nn.testing.GoldenModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden file of the model file format "SNNF" version 1 ({@link SnapshotFiles}, {@link ModelFileHeader}):
 * {@code golden/model-file-v1/model-e3-v17-c42.snn} beside this class, the file {@link SnapshotFiles#write} makes of
 * {@link GoldenModel#build()}'s whole trainer state (nn-core's ModelStateCodec bytes, with optimizer slots) as version
 * e3v17 at checkpoint 42. Its name is part of the format: {@link SnapshotFiles#list} finds files by it, and
 * {@link SnapshotFiles#read} refuses a file whose name and header disagree. Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate it: warm starts read files written by
 * earlier releases. A new format version gets a new folder ({@code model-file-v2/}) beside this one, which must keep
 * being read.
 */
class SnapshotFilesGoldenTest {

  static final ModelVersion VERSION = new ModelVersion(3, 17);
  static final long CHECKPOINT = 42;
  static final String FILE = "model-e3-v17-c42.snn";
  static final String GOLDEN = "model-file-v1/" + FILE;

  @TempDir
  Path temp;

  @Test
  void readingTheFileGivesTheVersionCheckpointAndTheWholeTrainerState() throws IOException {
    Path file = GoldenFiles.path(getClass(), GOLDEN);
    StoredModel stored = SnapshotFiles.read(file.toUri().toString());
    assertEquals(VERSION, stored.version());
    assertEquals(CHECKPOINT, stored.checkpointId());
    GoldenModel.assertIsTheGoldenModel(ModelStateCodec.decode(stored.modelState()));
  }

  @Test
  void theDirectoryListsTheFileByItsName() throws IOException {
    Path file = GoldenFiles.path(getClass(), GOLDEN);
    SnapshotFiles files = new SnapshotFiles(file.getParent().toUri().toString(), 1);
    List<ModelFile> listed = files.list();
    assertEquals(1, listed.size());
    assertEquals(VERSION, listed.get(0).version());
    assertEquals(CHECKPOINT, listed.get(0).checkpointId());
    assertEquals(FILE, listed.get(0).path().getName());
    Optional<StoredModel> latest = files.latest();
    assertTrue(latest.isPresent());
    assertEquals(VERSION, latest.get().version());
  }

  @Test
  void theHeaderIsAsDocumented() throws IOException {
    byte[] bytes = GoldenFiles.read(getClass(), GOLDEN);
    ByteBuffer b = ByteBuffer.wrap(bytes); // big-endian
    byte[] content = Arrays.copyOfRange(bytes, ModelFileHeader.BYTES, bytes.length);
    assertEquals("SNNF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(1, b.getShort(4), "format version");
    assertEquals(0, b.getShort(6));
    assertEquals(VERSION.epoch(), b.getLong(8));
    assertEquals(VERSION.version(), b.getLong(16));
    assertEquals(CHECKPOINT, b.getLong(24));
    assertEquals(content.length, b.getLong(32), "content length");
    assertArrayEquals(Sha256.of(content), Arrays.copyOfRange(bytes, 40, 72), "SHA-256 of the content");
  }

  @Test
  void aCopyUnderAnotherVersionsNameIsRefused() throws IOException {
    Path renamed = Files.copy(GoldenFiles.path(getClass(), GOLDEN), temp.resolve("model-e3-v18-c42.snn"));
    CorruptModelFileException e =
        assertThrows(CorruptModelFileException.class, () -> SnapshotFiles.read(renamed.toUri().toString()));
    assertTrue(e.getMessage().contains("its name says e3v18 at checkpoint 42, its header says e3v17"), e.getMessage());
  }

  @Test
  void writingTheSameStateAgainGivesTheSameFile() throws IOException {
    // the format is canonical: a changed writer fails here (a new version moves this check to its own file)
    StoredModel stored = SnapshotFiles.read(GoldenFiles.path(getClass(), GOLDEN).toUri().toString());
    var written = new SnapshotFiles(temp.toUri().toString(), 1).write(VERSION, CHECKPOINT, stored.modelState());
    assertEquals(FILE, written.getName());
    assertArrayEquals(GoldenFiles.read(getClass(), GOLDEN), Files.readAllBytes(temp.resolve(FILE)));
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    byte[] state = ModelStateCodec.encode(GoldenModel.build());
    var written = new SnapshotFiles(temp.toUri().toString(), 1).write(VERSION, CHECKPOINT, state);
    assertEquals(FILE, written.getName());
    GoldenFiles.writeOnce(getClass(), GOLDEN, Files.readAllBytes(temp.resolve(FILE)));
  }
}
