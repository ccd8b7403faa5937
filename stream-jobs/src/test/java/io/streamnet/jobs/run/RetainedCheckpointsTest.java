package io.streamnet.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  @TempDir
  Path dir;

  @Test
  void theNewestCompletedCheckpointOfTheJob() throws Exception {
    Path job = dir.resolve("abc123");
    for (String chk : new String[] {"chk-3", "chk-10", "chk-9"}) {
      Files.createDirectories(job.resolve(chk));
      Files.writeString(job.resolve(chk).resolve("_metadata"), "m");
    }
    Files.createDirectories(job.resolve("chk-11")); // in progress: no _metadata yet
    Files.createDirectories(job.resolve("shared"));
    assertEquals(Optional.of(job.resolve("chk-10")), RetainedCheckpoints.latest(dir.toUri().toString(), "abc123"));
  }

  @Test
  void nothingWhenTheJobLeftNoneOrTheStorageIsNotLocal() throws Exception {
    assertEquals(Optional.empty(), RetainedCheckpoints.latest(dir.toUri().toString(), "other"));
    assertEquals(Optional.empty(), RetainedCheckpoints.latest("s3://bucket/ck", "abc123"));
    assertEquals(Optional.empty(), RetainedCheckpoints.latest(null, "abc123"));
  }

  @Test
  void theNewestCompletedCheckpointOfAnyJobIsTheOneWrittenLast() throws Exception {
    for (String[] c : new String[][] {{"older", "chk-50"}, {"newer", "chk-3"}}) {
      Path chk = Files.createDirectories(dir.resolve(c[0]).resolve(c[1]));
      Files.writeString(chk.resolve("_metadata"), "m");
    }
    Files.setLastModifiedTime(dir.resolve("older/chk-50/_metadata"), java.nio.file.attribute.FileTime.fromMillis(1_000));
    Files.setLastModifiedTime(dir.resolve("newer/chk-3/_metadata"), java.nio.file.attribute.FileTime.fromMillis(2_000));
    Files.createDirectories(dir.resolve("newest/chk-9")); // in progress: no _metadata
    assertEquals(Optional.of(dir.resolve("newer").resolve("chk-3")), RetainedCheckpoints.newest(dir.toUri().toString()));
    assertEquals(Optional.empty(), RetainedCheckpoints.newest(dir.resolve("none").toUri().toString()));
    assertEquals(Optional.empty(), RetainedCheckpoints.newest(null));
  }
}
