package io.streamnet.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files, found from this module (Maven passes the root; from an IDE the working directory). */
public final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: the folder with the parent pom and docker-compose.yml. */
  public static Path root() {
    String given = System.getProperty("streamnet.repo.root");
    Path start = given != null ? Path.of(given) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("ops"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (docker-compose.yml beside ops/) at or above " + start);
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
