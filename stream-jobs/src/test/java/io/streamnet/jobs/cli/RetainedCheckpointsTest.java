package io.streamnet.jobs.cli;

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
}
