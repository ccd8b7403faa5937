package io.streamnet.nn.prequential;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered set of {@code key=value} pairs, printed as one line: the runner's final output (the last line of
 * stdout) and its progress lines. Reals print with 4 decimals (prequential figures are reported to 4 places),
 * rates and counts as integers; an undefined value prints as {@code nan}.
 */
public final class MetricsLine {
    private final Map<String, String> values = new LinkedHashMap<>();

    public MetricsLine put(String key, long value) {
        values.put(checkKey(key), Long.toString(value));
        return this;
    }

    public MetricsLine put(String key, double value) {
        values.put(checkKey(key), Double.isNaN(value) ? "nan" : String.format(Locale.ROOT, "%.4f", value));
        return this;
    }

    public MetricsLine put(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '=' || c == '\n')) {
            throw new IllegalArgumentException("metric value must be non-empty without spaces or '=': '" + value + "'");
        }
        values.put(checkKey(key), value);
        return this;
    }

    private static String checkKey(String key) {
        if (!key.matches("[a-z0-9_@]+")) {
            throw new IllegalArgumentException("metric key must match [a-z0-9_@]+: '" + key + "'");
        }
        return key;
    }

    /** The pairs in insertion order (values as printed). */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Parses a line printed by {@link #toString()} (for tests and scripts reading the runner's output). */
    public static Map<String, String> parse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : line.trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("not a key=value pair: '" + pair + "' in '" + line + "'");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
