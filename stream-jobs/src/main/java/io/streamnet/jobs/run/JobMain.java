package io.streamnet.jobs.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of the job jar ({@code streamnet-job.jar}) for {@code flink run} and the REST API's
 * {@code /jars/<id>/run}: the options of {@code streamnet run} ({@link RunOptions#USAGE}); the job goes to the cluster
 * whose client runs this method.
 *
 * <p>It never calls {@code System.exit}: a job submitted through the REST API runs this method inside the JobManager.
 * A job that cannot be submitted (configuration error, Kafka or registry unreachable, topics missing) fails the
 * submission with an exception carrying the same message that {@code streamnet run} prints.
 */
public final class JobMain {

  private JobMain() {}

  public static void main(String[] args) {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new Tee(System.err, errors), true, StandardCharsets.UTF_8);
    int status = new RunCommand(System.out, err).run(args);
    if (status != 0) {
      throw new IllegalStateException("StreamNet job not submitted (status " + status + "): "
          + errors.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** Writes to the process's stderr and keeps a copy for the exception. */
  private static final class Tee extends OutputStream {
    private final PrintStream console;
    private final ByteArrayOutputStream copy;

    Tee(PrintStream console, ByteArrayOutputStream copy) {
      this.console = console;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      console.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      console.write(b, off, len);
      copy.write(b, off, len);
    }
  }
}
