package io.streamnet.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Grafana dashboard (JSON model): its panels, their Prometheus queries and the metric names those read. */
public final class GrafanaDashboard {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "inf", "nan");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

  /** A panel (rows' panels included) and its queries. */
  public record Panel(String title, String type, JsonNode node, List<String> expressions) {}

  private final JsonNode root;
  private final List<Panel> panels;

  private GrafanaDashboard(JsonNode root) {
    this.root = root;
    List<Panel> all = new ArrayList<>();
    collect(root.path("panels"), all);
    this.panels = List.copyOf(all);
  }

  public static GrafanaDashboard load(Path file) {
    try {
      return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static void collect(JsonNode panels, List<Panel> out) {
    for (JsonNode p : panels) {
      List<String> exprs = new ArrayList<>();
      for (JsonNode t : p.path("targets")) {
        if (t.hasNonNull("expr")) {
          exprs.add(t.get("expr").asText());
        }
      }
      out.add(new Panel(p.path("title").asText(), p.path("type").asText(), p, List.copyOf(exprs)));
      collect(p.path("panels"), out); // a collapsed row holds its panels
    }
  }

  public JsonNode root() {
    return root;
  }

  public List<Panel> panels() {
    return panels;
  }

  /** Every query's metric names. */
  public Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    panels.forEach(p -> p.expressions().forEach(e -> names.addAll(namesIn(e))));
    return names;
  }

  /** The metric names of the queries that start with {@code prefix}. */
  public Set<String> metricNamesStartingWith(String prefix) {
    Set<String> names = new TreeSet<>();
    metricNames().stream().filter(n -> n.startsWith(prefix)).forEach(names::add);
    return names;
  }

  /**
   * The metric names a PromQL expression reads: identifiers that are not functions or aggregations (followed by a
   * parenthesis), keywords, label names (in matchers and groupings), durations or Grafana variables.
   */
  public static Set<String> namesIn(String promql) {
    String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ");
    s = GROUPING.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String id = m.group();
      int before = m.start() - 1;
      if (before >= 0 && (s.charAt(before) == '$' || Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) {
        continue; // a variable, or the exponent or unit of a number
      }
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      if ((next < s.length() && s.charAt(next) == '(') || KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      names.add(id);
    }
    return names;
  }
}
