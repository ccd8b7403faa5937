package io.streamnet.nn.cli;

import io.streamnet.nn.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options of {@code streamnet prequential}.
 *
 * @param dataset which dataset (decides reader, default spec and metrics)
 * @param path    directory (or file) holding the dataset's file(s), or null for the default data roots
 * @param spec    runner spec file (YAML or JSON), or null for the dataset's default spec
 * @param seed    seed of the canonical stream order (text datasets; MovieLens streams in time order)
 * @param limit   stream at most this many events, or 0 for all
 * @param batch   minibatch size overriding the spec's, or 0 to keep the spec's
 * @param saveModel file to write the trained model's state to (ModelStateCodec), or null
 * @param curve   CSV file for the learning curve (events, accuracy after each batch), or null
 */
public record PrequentialOptions(Dataset dataset, Path path, Path spec, int seed, long limit, int batch,
                                 Path saveModel, Path curve) {
    public PrequentialOptions(Dataset dataset, Path path, Path spec, int seed, long limit, int batch) {
        this(dataset, path, spec, seed, limit, batch, null, null);
    }

    public static final String USAGE = String.join("\n",
            "usage: streamnet prequential --dataset imdb|sst2|uci|movielens|diginetica [--path DIR] [--spec FILE] [--seed 42]"
                    + " [--limit N] [--batch N] [--save-model FILE] [--curve FILE]",
            "  --dataset   imdb, sst2, uci (sentiment), movielens (recommendation: HR@10, NDCG@10, RMSE) or",
            "              diginetica (session-based next-item recommendation: HR@20, MRR@20 of the model, the GRU",
            "              alone, most-popular and item-kNN)",
            "  --path      directory (or file) with the dataset's file: imdb_reviews.jsonl[.gz], train.tsv[.gz],",
            "              *_labelled.txt, ratings.csv[.gz], sample_train-item-views.csv[.gz] (or any file of that",
            "              format); default: $STREAMNET_DATA or ../shared/data, then datasets/",
            "  --spec      runner spec (YAML/JSON): features, batch size and network (movielens: batch size, model,",
            "              learner, baselines; diginetica: items, session length, model, baselines); default: the",
            "              built-in spec for the dataset (print it with",
            "              --print-spec, copy and edit it)",
            "  --seed      seed of the canonical stream order of texts (default 42; movielens streams in time order);",
            "              diginetica: seed of the model's generator (initialisation, negatives; views in time order)",
            "  --limit     stop after N events (default: the whole dataset)",
            "  --batch     minibatch size (default: the spec's batch_size, 32; not for diginetica: one view at a time)",
            "  --save-model  write the trained model's state to FILE at the end (texts, ratings): what a spec's",
            "              transfer: {from: FILE, layers: [...]} starts a new model from",
            "  --curve     write the learning curve to FILE as CSV (events,accuracy after each batch; texts)",
            "  --print-spec  print the dataset's default spec and exit",
            "Prints progress to stderr; the last line of stdout is the final metrics as key=value pairs.");

    /** Parses the arguments after the command name; {@code printSpec} requests are reported by {@link Parsed}. */
    public static Parsed parse(String[] args) throws UsageException {
        Dataset dataset = null;
        Path path = null;
        Path spec = null;
        int seed = 42;
        long limit = 0;
        int batch = 0;
        boolean printSpec = false;
        Path saveModel = null;
        Path curve = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Parsed(null, true, false);
                }
                case "--print-spec" -> printSpec = true;
                case "--dataset" -> {
                    try {
                        dataset = Dataset.fromCliName(OptionValues.value(args, ++i, a));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--path" -> path = OptionValues.existingPath(args, ++i, a);
                case "--spec" -> {
                    spec = Path.of(OptionValues.value(args, ++i, a));
                    if (!Files.isRegularFile(spec)) {
                        throw new UsageException("--spec " + spec + ": no such file");
                    }
                }
                case "--seed" -> seed = (int) OptionValues.integer(args, ++i, a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--limit" -> limit = OptionValues.integer(args, ++i, a, 1, Long.MAX_VALUE);
                case "--save-model" -> saveModel = Path.of(OptionValues.value(args, ++i, a));
                case "--curve" -> curve = Path.of(OptionValues.value(args, ++i, a));
                case "--batch" -> batch = (int) OptionValues.integer(args, ++i, a, 1, 1 << 16);
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (dataset == null) {
            throw new UsageException("--dataset is required");
        }
        return new Parsed(new PrequentialOptions(dataset, path, spec, seed, limit, batch, saveModel, curve), false, printSpec);
    }

    /** Parse outcome: options to run, or a request for help or for the default spec. */
    public record Parsed(PrequentialOptions options, boolean help, boolean printSpec) {}
}
