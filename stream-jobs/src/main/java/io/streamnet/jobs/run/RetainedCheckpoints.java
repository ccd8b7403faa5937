package io.streamnet.jobs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint a cancelled job left behind ({@code <directory>/<job id>/chk-<n>} with a {@code _metadata}
 * file, the highest n), so the CLI can say how to resume. Local ({@code file:}) directories only: other file
 * systems would need Flink's file system plugins here.
 */
final class RetainedCheckpoints {
  private static final String PREFIX = "chk-";

  private RetainedCheckpoints() {}

  /** The newest completed checkpoint of job {@code jobId} below {@code directoryUri}, if it can be seen. */
  static Optional<Path> latest(String directoryUri, String jobId) {
    if (directoryUri == null) {
      return Optional.empty();
    }
    URI uri = URI.create(directoryUri);
    if (!"file".equals(uri.getScheme())) {
      return Optional.empty();
    }
    Path jobDir = Path.of(uri).resolve(jobId);
    if (!Files.isDirectory(jobDir)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(jobDir)) {
      return children
          .filter(p -> number(p) >= 0 && Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparingLong(RetainedCheckpoints::number));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jobDir, e);
    }
  }

  /**
   * The newest completed checkpoint of any job below {@code directoryUri} (each run has its own job id, so the
   * newest is the one whose {@code _metadata} was written last).
   */
  static Optional<Path> newest(String directoryUri) {
    if (directoryUri == null) {
      return Optional.empty();
    }
    URI uri = URI.create(directoryUri);
    Path root = "file".equals(uri.getScheme()) ? Path.of(uri) : uri.getScheme() == null ? Path.of(directoryUri) : null;
    if (root == null || !Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(root)) {
      return jobs.filter(Files::isDirectory)
          .map(job -> latest(root.toUri().toString(), job.getFileName().toString()))
          .flatMap(Optional::stream)
          .max(Comparator.comparing(RetainedCheckpoints::written));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static FileTime written(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checkpoint.resolve("_metadata"), e);
    }
  }

  /** n of a {@code chk-n} directory, -1 for anything else. */
  private static long number(Path p) {
    String name = p.getFileName().toString();
    if (!name.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
