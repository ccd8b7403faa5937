package io.streamnet.nn.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the value of a command-line option, checked, with a {@link UsageException} naming the option when it is
 * missing or wrong. Shared by every StreamNet command ({@code prequential}, {@code replay}, ...).
 */
public final class OptionValues {
    private OptionValues() {}

    /** The value at {@code args[i]} of {@code option}; another option there means the value is missing. */
    public static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    public static long integer(String[] args, int i, String option, long min, long max) throws UsageException {
        String v = value(args, i, option);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    public static double decimal(String[] args, int i, String option, double min, double max) throws UsageException {
        String v = value(args, i, option);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException(option + " must be between " + plain(min) + " and " + plain(max) + ", got " + v);
        }
        return d;
    }

    /** A file or directory that exists. */
    public static Path existingPath(String[] args, int i, String option) throws UsageException {
        Path path = Path.of(value(args, i, option));
        if (!Files.exists(path)) {
            throw new UsageException(option + " " + path + ": no such file or directory");
        }
        return path;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
