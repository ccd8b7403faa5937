package io.streamnet.jobs.model;

import java.io.IOException;

/** A model file that is not what its header promises: wrong magic, truncated, or failing its SHA-256 check. */
public final class CorruptModelFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String file;

  public CorruptModelFileException(String file, String problem) {
    super("corrupt model file " + file + ": " + problem);
    this.file = file;
  }

  /** The file's URI. */
  public String file() {
    return file;
  }
}
