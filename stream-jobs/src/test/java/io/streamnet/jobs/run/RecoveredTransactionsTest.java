package io.streamnet.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveredTransactionsTest {
  @TempDir
  Path dir;

  @Test
  void theAgeOfACheckpointIsThatOfItsMetadataGivenAsDirectoryFileOrUri() throws Exception {
    Path chk = Files.createDirectories(dir.resolve("job/chk-4"));
    Files.writeString(chk.resolve("_metadata"), "m");
    Instant written = Instant.parse("2026-12-06T10:00:00Z");
    Files.setLastModifiedTime(chk.resolve("_metadata"), FileTime.from(written));
    Instant now = written.plusSeconds(1_000);
    assertEquals(Duration.ofSeconds(1_000), RecoveredTransactions.age(chk.toString(), now));
    assertEquals(Duration.ofSeconds(1_000), RecoveredTransactions.age(chk.resolve("_metadata").toString(), now));
    assertEquals(Duration.ofSeconds(1_000), RecoveredTransactions.age(chk.toUri().toString(), now));
    assertNull(RecoveredTransactions.age("s3://bucket/chk-4", now));
    assertNull(RecoveredTransactions.age(dir.resolve("none").toString(), now));
  }
}
