package io.streamnet.nn.cli;

import io.streamnet.nn.data.MalformedDataException;
import io.streamnet.nn.prequential.MetricsLine;
import io.streamnet.nn.prequential.PrequentialRunner;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.RunnerSpec;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * {@code streamnet prequential}: stream a dataset through a network, test-then-train, print the final metrics as
 * the last line of stdout. Exit status 0 on success, 2 on a usage error, 1 when the run fails (data not found,
 * malformed data or spec, a model error).
 */
public final class PrequentialCommand {
    private PrequentialCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ProgressReporter.forStderr()));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, ProgressReporter progress) {
        PrequentialOptions.Parsed parsed;
        try {
            parsed = PrequentialOptions.parse(args);
        } catch (UsageException e) {
            err.println("streamnet prequential: " + e.getMessage());
            err.println(PrequentialOptions.USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.println(PrequentialOptions.USAGE);
            return 0;
        }
        PrequentialOptions o = parsed.options();
        try {
            if (parsed.printSpec()) {
                out.print(RunnerSpec.forDataset(o.dataset()).text());
                return 0;
            }
            RunnerSpec spec = o.spec() != null ? RunnerSpec.load(o.spec()) : RunnerSpec.forDataset(o.dataset());
            if (o.batch() > 0) {
                spec = new RunnerSpec(o.batch(), spec.features(), spec.network(), spec.text());
            }
            err.println("streamnet prequential: dataset=" + o.dataset().cliName() + " seed=" + o.seed()
                    + " batch=" + spec.batchSize() + " spec=" + (o.spec() != null ? o.spec()
                    : RunnerSpec.defaultResource(o.dataset()))
                    + (o.limit() > 0 ? " limit=" + o.limit() : ""));
            MetricsLine result = new PrequentialRunner(progress).run(o.dataset(), o.path(), spec, o.seed(), o.limit());
            out.println(result);
            out.flush();
            return 0;
        } catch (MalformedDataException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("streamnet prequential: error: " + e.getMessage());
            return 1;
        }
    }
}
