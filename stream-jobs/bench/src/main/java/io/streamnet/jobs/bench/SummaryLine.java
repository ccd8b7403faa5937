package io.streamnet.jobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code key=value} figures, in the order they were put, for the benchmark's per-round and median lines.
 * Whole numbers print without decimals, others with up to three; NaN prints as {@code nan} (a figure that could not
 * be measured).
 */
final class SummaryLine {
  private final Map<String, Double> values = new LinkedHashMap<>();

  SummaryLine put(String key, double value) {
    if (key.isEmpty() || key.contains(" ") || key.contains("=")) {
      throw new IllegalArgumentException("bad summary key '" + key + "'");
    }
    values.put(key, value);
    return this;
  }

  /** Every figure of {@code other}, each key prefixed with {@code prefix}. */
  SummaryLine putAll(String prefix, SummaryLine other) {
    other.values.forEach((k, v) -> put(prefix + k, v));
    return this;
  }

  double get(String key) {
    Double v = values.get(key);
    return v == null ? Double.NaN : v;
  }

  Map<String, Double> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /**
   * The median of each key over {@code lines} (keys in first-seen order), counting only the lines where it was
   * measured (not NaN); NaN when it was measured in none. With an even count, the mean of the two middle values.
   */
  static SummaryLine medians(List<SummaryLine> lines) {
    Map<String, List<Double>> byKey = new LinkedHashMap<>();
    for (SummaryLine line : lines) {
      line.values.forEach((k, v) -> {
        List<Double> list = byKey.computeIfAbsent(k, x -> new ArrayList<>());
        if (!v.isNaN()) {
          list.add(v);
        }
      });
    }
    SummaryLine out = new SummaryLine();
    byKey.forEach((k, list) -> out.put(k, median(list)));
    return out;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double magnitude = Math.abs(v);
    String pattern = magnitude >= 100 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.4f";
    return String.format(Locale.ROOT, pattern, v);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(k).append('=').append(format(v));
    });
    return b.toString();
  }
}
