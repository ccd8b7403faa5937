package io.streamnet.jobs.cli;

import io.streamnet.jobs.run.RunCommand;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code streamnet} commands of the stream-jobs jar: {@code demo}, {@code run} and {@code help}. Progress and
 * log lines go to stderr; stdout carries results (the demo's summary). Exit status: 0 success, 1 failure, 2 usage
 * or configuration error, 130 stopped by Ctrl-C.
 */
public final class StreamNetCli {
  /** The log configuration of the CLI jar: StreamNet's events on stderr, libraries' warnings only. */
  static final String LOG_CONFIG = "streamnet-launcher-log4j2.xml";
  private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

  public static final String USAGE = String.join("\n",
      "usage: streamnet <command> [options]",
      "  demo   the online learner end to end in this process (embedded Kafka, in-memory registry, Flink",
      "         MiniCluster): replays the UCI sentences (and IMDB when the data has it), or MovieLens with",
      "         --dataset movielens, trains, answers, reports",
      "  run    the online learner against your Kafka and schema registry: run --config job.yaml [--set K=V ...]",
      "  help   this text; 'streamnet <command> --help' describes a command's options");

  private StreamNetCli() {}

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
    // nn-core logs with java.util.logging: one line each, shaped like the log4j lines around them.
    if (System.getProperty(JUL_FORMAT) == null) {
      System.setProperty(JUL_FORMAT, "%1$tH:%1$tM:%1$tS.%1$tL %4$-5s %3$s - %5$s%6$s%n");
    }
    // The demo draws its learning curve with java.awt, with no display.
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, System.out, System.err, true));
  }

  /**
   * Runs one command; returns the exit status.
   *
   * @param stopOnShutdown install a shutdown hook so that Ctrl-C stops the command cleanly (the real CLI)
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean stopOnShutdown) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "demo" -> {
        DemoCommand demo = new DemoCommand(out, err, DemoProgress.forStderr(err));
        if (stopOnShutdown) {
          Runtime.getRuntime().addShutdownHook(new Thread(demo::stopAndWait, "streamnet-demo-stop"));
        }
        return demo.run(rest);
      }
      case "run" -> {
        RunCommand run = new RunCommand(out, err);
        if (stopOnShutdown) {
          Runtime.getRuntime().addShutdownHook(new Thread(run::stopAndWait, "streamnet-run-stop"));
        }
        return run.run(rest);
      }
      case "help", "-h", "--help" -> {
        out.println(USAGE);
        return 0;
      }
      default -> {
        err.println("streamnet: unknown command '" + command + "'");
        err.println(USAGE);
        return 2;
      }
    }
  }
}
