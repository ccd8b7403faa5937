package io.streamnet.jobs.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's entry point fails a submission with the reason, and never exits the JVM it runs in. */
class JobMainTest {

  @Test
  void aMissingConfigurationFailsTheSubmissionNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-job.yaml");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JobMain.main(new String[] {"--config", missing.toString()}));
    assertTrue(e.getMessage().contains("status 2") && e.getMessage().contains("no-such-job.yaml"), e.getMessage());
  }
}
