package io.streamnet.nn.cli;

import io.streamnet.nn.explain.IntegratedGradients;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options of {@code streamnet explain}.
 *
 * @param model a model state file ({@code streamnet prequential --save-model FILE})
 * @param spec  the runner spec the model was trained with, for its features, or null for the built-in sentiment spec
 * @param top   how many tokens to print
 * @param steps integrated-gradient path points
 * @param text  the text to explain
 */
public record ExplainOptions(Path model, Path spec, int top, int steps, String text) {
    public static final String USAGE = String.join("\n",
            "usage: streamnet explain --model FILE [--spec FILE] [--top 5] [--steps " + IntegratedGradients.DEFAULT_STEPS + "] \"text\"",
            "  --model     a sentiment model's state (a bag model or TextCNN), as written by streamnet prequential",
            "              --save-model FILE",
            "  --spec      the runner spec the model was trained with (its features: buckets, n-gram orders, seed);",
            "              default: the built-in sentiment spec (streamnet prequential --dataset sst2 --print-spec)",
            "  --top       how many tokens to print, by largest |contribution| (default 5)",
            "  --steps     integrated-gradient path points (default " + IntegratedGradients.DEFAULT_STEPS + ")",
            "Prints the probability that the text is positive, then the top tokens with their signed contributions in",
            "logit units (integrated gradients on the token embeddings, baseline: the text without tokens): positive",
            "pushes towards positive. The contributions of all tokens add up to logit - baseline logit.");

    /** Parses the arguments after the command name; null for a help request. */
    public static ExplainOptions parse(String[] args) throws UsageException {
        Path model = null;
        Path spec = null;
        int top = 5;
        int steps = IntegratedGradients.DEFAULT_STEPS;
        String text = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--model" -> model = existingFile(args, ++i, a);
                case "--spec" -> spec = existingFile(args, ++i, a);
                case "--top" -> top = (int) OptionValues.integer(args, ++i, a, 1, 10_000);
                case "--steps" -> steps = (int) OptionValues.integer(args, ++i, a, 1, 100_000);
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unknown option '" + a + "'");
                    if (text != null) throw new UsageException("one text only (quote it): got '" + text + "' and '" + a + "'");
                    text = a;
                }
            }
        }
        if (model == null) throw new UsageException("--model is required");
        if (text == null) throw new UsageException("the text to explain is missing");
        return new ExplainOptions(model, spec, top, steps, text);
    }

    private static Path existingFile(String[] args, int i, String option) throws UsageException {
        Path p = Path.of(OptionValues.value(args, i, option));
        if (!Files.isRegularFile(p)) throw new UsageException(option + " " + p + ": no such file");
        return p;
    }
}
