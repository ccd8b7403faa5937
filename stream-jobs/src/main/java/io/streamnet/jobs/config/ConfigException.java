package io.streamnet.jobs.config;

/**
 * An invalid job configuration. The message names the file (or other source) and the full dotted key, e.g.
 * {@code job.yaml: snapshots.every_ms: must be >= 1, got -5}; a problem with the whole document has no key
 * ({@code job.yaml: malformed YAML at line 3, column 1: ...}).
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String key;
  private final String problem;

  public ConfigException(String source, String key, String problem) {
    this(source, key, problem, null);
  }

  public ConfigException(String source, String key, String problem, Throwable cause) {
    super(source + (key == null || key.isEmpty() ? "" : ": " + key) + ": " + problem, cause);
    this.source = source;
    this.key = key == null ? "" : key;
    this.problem = problem;
  }

  /** The file or other source that holds the bad setting ({@code overrides} for {@link JobConfig#withOverrides}). */
  public String source() {
    return source;
  }

  /** The dotted key path of the bad setting, e.g. {@code kafka.properties}; empty for the document itself. */
  public String key() {
    return key;
  }

  /** What is wrong, without source and key. */
  public String problem() {
    return problem;
  }
}
