package io.streamnet.jobs.bench;

/**
 * The benchmarks' logging: the CLI jar's log configuration (StreamNet's events on stderr, libraries' warnings only)
 * and a one-line java.util.logging format. Logging reads its configuration once, when it starts: a main class calls
 * {@link #configure} in its static initializer, before its first logger.
 */
final class BenchLogging {
  private static final String LOG_CONFIG = "streamnet-launcher-log4j2.xml";
  private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

  private BenchLogging() {}

  /** Sets both unless the command line did. */
  static void configure() {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
    if (System.getProperty(JUL_FORMAT) == null) {
      System.setProperty(JUL_FORMAT, "%1$tH:%1$tM:%1$tS.%1$tL %4$-5s %3$s - %5$s%6$s%n");
    }
  }
}
