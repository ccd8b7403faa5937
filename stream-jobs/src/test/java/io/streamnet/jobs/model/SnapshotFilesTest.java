package io.streamnet.jobs.model;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.testing.SmallTextModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

  @TempDir
  Path dir;

  private String uri() {
    return dir.toUri().toString(); // file:///...
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void writesANamedFileThatReadsBackTheSameStateAndNetwork() throws IOException {
    Network live = SmallTextModel.build();
    new SmallTextModel(3).train(live, 3, 16);
    byte[] state = ModelStateCodec.encode(live);
    SnapshotFiles files = new SnapshotFiles(uri(), 3);

    org.apache.flink.core.fs.Path written = files.write(new ModelVersion(2, 41), 7, state);

    assertEquals("model-e2-v41-c7.snn", written.getName());
    assertTrue(Files.isRegularFile(dir.resolve("model-e2-v41-c7.snn")));
    StoredModel read = SnapshotFiles.read(written.toString());
    assertEquals(new ModelVersion(2, 41), read.version());
    assertEquals(7, read.checkpointId());
    assertArrayEquals(state, read.modelState());
    Network restored = ModelStateCodec.decode(read.modelState());
    assertBitIdentical(live, restored, "network decoded from the file");
    assertEquals(live.optimizer().steps(), restored.optimizer().steps(), "optimizer state travels with it");
  }

  @Test
  void keepsOnlyTheNewestFilesAndNoTemporaryOnes() throws IOException {
    SnapshotFiles files = new SnapshotFiles(dir.toString(), 3); // a plain path works too
    for (int v = 1; v <= 6; v++) {
      files.write(new ModelVersion(1, v), 100 + v, bytes(1000 + v, v));
    }
    assertEquals(List.of("model-e1-v4-c104.snn", "model-e1-v5-c105.snn", "model-e1-v6-c106.snn"), names());
    assertEquals(List.of(new ModelVersion(1, 4), new ModelVersion(1, 5), new ModelVersion(1, 6)),
        files.list().stream().map(ModelFile::version).toList());
  }

  @Test
  void ordersByEpochBeforeVersion() throws IOException {
    SnapshotFiles files = new SnapshotFiles(uri(), 2);
    files.write(new ModelVersion(1, 900), 5, bytes(10, 1));
    files.write(new ModelVersion(3, 2), 8, bytes(10, 3));
    files.write(new ModelVersion(2, 50), 6, bytes(10, 2)); // written last, but older than e3v2

    assertEquals(List.of("model-e2-v50-c6.snn", "model-e3-v2-c8.snn"), names(), "e1v900 is the oldest");
    Optional<StoredModel> latest = files.latest();
    assertTrue(latest.isPresent());
    assertEquals(new ModelVersion(3, 2), latest.get().version());
    assertArrayEquals(bytes(10, 3), latest.get().modelState());
  }

  @Test
  void anEmptyOrMissingDirectoryHasNoModel() throws IOException {
    assertEquals(Optional.empty(), new SnapshotFiles(uri(), 1).latest());
    SnapshotFiles notYet = new SnapshotFiles(dir.resolve("not/yet").toUri().toString(), 1);
    assertEquals(List.of(), notYet.list());
    notYet.write(new ModelVersion(1, 1), 1, bytes(5, 5));
    assertEquals(new ModelVersion(1, 1), notYet.latest().orElseThrow().version());
  }

  @Test
  void otherFilesInTheDirectoryAreLeftAlone() throws IOException {
    Files.writeString(dir.resolve("README.txt"), "operator notes");
    Files.writeString(dir.resolve("model-latest.snn"), "a copy under another name");
    SnapshotFiles files = new SnapshotFiles(uri(), 1);
    files.write(new ModelVersion(1, 1), 1, bytes(5, 1));
    files.write(new ModelVersion(1, 2), 2, bytes(5, 2));
    assertEquals(List.of("README.txt", "model-e1-v2-c2.snn", "model-latest.snn"), names());
  }

  @Test
  void aCorruptFileIsRefusedNamingIt() throws IOException {
    SnapshotFiles files = new SnapshotFiles(uri(), 3);
    org.apache.flink.core.fs.Path written = files.write(new ModelVersion(1, 1), 1, bytes(4096, 9));
    Path file = dir.resolve(written.getName());

    byte[] content = Files.readAllBytes(file);
    content[content.length - 100] ^= 0x10;
    Files.write(file, content);
    CorruptModelFileException e = assertThrows(CorruptModelFileException.class,
        () -> SnapshotFiles.read(written.toString()));
    assertTrue(e.getMessage().contains(written.getName()) && e.getMessage().contains("SHA-256"), e.getMessage());
    assertThrows(CorruptModelFileException.class, files::latest);

    Files.write(file, java.util.Arrays.copyOf(content, content.length - 10));
    e = assertThrows(CorruptModelFileException.class, () -> SnapshotFiles.read(written.toString()));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

    Files.writeString(file, "hello");
    e = assertThrows(CorruptModelFileException.class, () -> SnapshotFiles.read(written.toString()));
    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }

  @Test
  void aRenamedFileMustHoldWhatItsNameSays() throws IOException {
    SnapshotFiles files = new SnapshotFiles(uri(), 3);
    org.apache.flink.core.fs.Path written = files.write(new ModelVersion(1, 1), 1, bytes(64, 1));
    Path wrong = dir.resolve("model-e9-v9-c9.snn");
    Files.move(dir.resolve(written.getName()), wrong);
    CorruptModelFileException e = assertThrows(CorruptModelFileException.class,
        () -> SnapshotFiles.read(wrong.toUri().toString()));
    assertTrue(e.getMessage().contains("name says e9v9") && e.getMessage().contains("header says e1v1"),
        e.getMessage());

    Path neutral = dir.resolve("warm-start.snn"); // any other name is fine
    Files.move(wrong, neutral);
    assertEquals(new ModelVersion(1, 1), SnapshotFiles.read(neutral.toString()).version());
  }

  @Test
  void aMissingFileIsNamed() {
    String missing = dir.resolve("model-e1-v1-c1.snn").toUri().toString();
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> SnapshotFiles.read(missing));
    assertTrue(e.getMessage().contains("model-e1-v1-c1.snn"), e.getMessage());
  }

  @Test
  void staleTemporaryFilesOfDeadWritersAreRemovedFreshOnesKept() throws IOException {
    Path stale = dir.resolve(".model-e1-v1-c1.snn.0000.inprogress");
    Path fresh = dir.resolve(".model-e1-v2-c2.snn.1111.inprogress");
    Files.writeString(stale, "partial");
    Files.writeString(fresh, "partial");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(2 * 3600)));

    new SnapshotFiles(uri(), 2).write(new ModelVersion(1, 3), 3, bytes(8, 1));

    assertTrue(Files.exists(fresh), "a writer may still be writing a recent temporary file");
    assertEquals(List.of(".model-e1-v2-c2.snn.1111.inprogress", "model-e1-v3-c3.snn"), names());
  }

  @Test
  void aFailedWriteLeavesNoFileBehind() throws IOException {
    SnapshotFiles files = new SnapshotFiles(uri(), 2);
    // The target name is taken by a non-empty directory: the rename fails after the temporary file was written.
    Files.createDirectories(dir.resolve("model-e1-v1-c1.snn").resolve("blocker"));
    IOException e = assertThrows(IOException.class, () -> files.write(new ModelVersion(1, 1), 1, bytes(100, 1)));
    assertTrue(e.getMessage().contains("model-e1-v1-c1.snn"), e.getMessage());
    assertEquals(List.of("model-e1-v1-c1.snn"), names(), "only the blocking directory; no temporary file");
  }

  @Test
  void settingsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SnapshotFiles(uri(), 0));
    assertTrue(e.getMessage().contains("retain"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SnapshotFiles(" ", 1));
    SnapshotFiles files = new SnapshotFiles(uri(), 1);
    assertThrows(IllegalArgumentException.class, () -> files.write(ModelVersion.ZERO, -1, new byte[1]));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
