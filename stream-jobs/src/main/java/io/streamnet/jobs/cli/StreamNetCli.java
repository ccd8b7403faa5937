package io.streamnet.jobs.cli;

/** Placeholder entry point; replaced by the CLI. */
public final class StreamNetCli {
  public static void main(String[] args) {
    System.err.println("not built yet");
    System.exit(2);
  }
}
