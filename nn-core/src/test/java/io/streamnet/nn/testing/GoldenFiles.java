package io.streamnet.nn.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The golden files of persisted formats: {@code golden/} beside the test class, in its package's test resources.
 * Each golden test's writer is a test enabled only by {@code -Dstreamnet.golden.write=true}; it writes with
 * {@link #writeOnce}, so a committed golden file is never replaced (a new format version gets a new file).
 */
public final class GoldenFiles {

  /** The system property that enables the writers. */
  public static final String WRITE_PROPERTY = "streamnet.golden.write";

  private GoldenFiles() {}

  /** The bytes of the golden file {@code name} of {@code owner}'s package. */
  public static byte[] read(Class<?> owner, String name) throws IOException {
    try (InputStream in = owner.getResourceAsStream("golden/" + name)) {
      assertNotNull(in, "golden file " + name + " is missing");
      return in.readAllBytes();
    }
  }

  /** The golden file {@code name} on the test class path (for readers that take a file or URI). */
  public static Path path(Class<?> owner, String name) {
    try {
      var url = owner.getResource("golden/" + name);
      assertNotNull(url, "golden file " + name + " is missing");
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a new golden file into the source tree (the module's directory is the tests' working directory); fails if
   * it exists.
   */
  public static void writeOnce(Class<?> owner, String name, byte[] bytes) throws IOException {
    Path file = Path.of("src/test/resources", owner.getPackageName().replace('.', '/'), "golden", name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
  }
}
