package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one mapping of the job configuration. Every read names its key, so errors carry the full dotted path
 * ({@code snapshots.every_ms}) and the source file; {@link #finish()} rejects keys nobody read, so that a typo never
 * silently falls back to a default. An absent or {@code null} value means the default.
 */
final class ConfigNode {
  private final JsonNode node;
  private final String source;
  private final String path;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigNode(JsonNode node, String source, String path) {
    this.node = node;
    this.source = source;
    this.path = path;
  }

  /** The document's top level; an empty document is an empty mapping (all defaults). */
  static ConfigNode root(JsonNode root, String source) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ConfigNode(JsonNodeFactory.instance.objectNode(), source, "");
    }
    if (!root.isObject()) {
      throw new ConfigException(source, "", "must be a mapping of sections (job:, trainer:, ...), got " + root);
    }
    return new ConfigNode(root, source, "");
  }

  String source() {
    return source;
  }

  /** The dotted path of {@code key} in this mapping. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about {@code key} of this mapping. */
  ConfigException fail(String key, String problem) {
    return new ConfigException(source, path(key), problem);
  }

  /** An error about this mapping as a whole. */
  ConfigException failHere(String problem) {
    return new ConfigException(source, path, problem);
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** The raw value of {@code key} (null when absent or null), marking the key as known. */
  JsonNode get(String key) {
    known.add(key);
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  /** The nested mapping {@code key}; absent or null reads as an empty mapping (all defaults). */
  ConfigNode section(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return new ConfigNode(JsonNodeFactory.instance.objectNode(), source, path(key));
    }
    if (!v.isObject()) {
      throw fail(key, "must be a mapping (key: value pairs), got " + v);
    }
    return new ConfigNode(v, source, path(key));
  }

  /** A string; numbers are taken as written ({@code group_id: 42} is "42"). */
  String string(String key, String def) {
    JsonNode v = get(key);
    if (v == null) {
      return def;
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw fail(key, "must be a string, got " + v);
    }
    return v.asText();
  }

  /** A string that is not empty or blank. */
  String nonBlank(String key, String def) {
    String s = string(key, def);
    if (s == null || s.isBlank()) {
      throw fail(key, "must not be empty");
    }
    return s.trim();
  }

  /**
   * A Flink file system URI ({@code file:///var/streamnet/models}, {@code s3://bucket/path}, ...), or null (the
   * default) for none.
   */
  String fileSystemUri(String key) {
    String s = string(key, null);
    if (s == null) {
      return null;
    }
    String problem = uriProblem(s.trim());
    if (problem != null) {
      throw fail(key, problem);
    }
    return s.trim();
  }

  /** Why {@code s} is not a usable file system URI, or null if it is one. */
  static String uriProblem(String s) {
    String expected = "must be a file system URI such as file:///var/streamnet/models or s3://bucket/path, got '"
        + s + "'";
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      return expected + " (" + e.getReason() + ")";
    }
    // A one-letter scheme is a Windows drive ("C:/models"), not a file system.
    if (uri.getScheme() == null || uri.getScheme().length() < 2 || uri.isOpaque()) {
      return expected;
    }
    if (uri.getScheme().equals("file") && (uri.getPath() == null || !uri.getPath().startsWith("/"))) {
      return expected + " (a file: URI needs an absolute path)";
    }
    return null;
  }

  boolean bool(String key, boolean def) {
    JsonNode v = get(key);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      throw fail(key, "must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  /** An int in {@code [min, max]}. */
  int integer(String key, int def, int min, int max) {
    return (int) longValue(key, def, min, max == Integer.MAX_VALUE ? Long.MAX_VALUE : max, Integer.MAX_VALUE);
  }

  /** A long in {@code [min, max]}; durations are integer milliseconds. */
  long longValue(String key, long def, long min, long max) {
    return longValue(key, def, min, max, Long.MAX_VALUE);
  }

  private long longValue(String key, long def, long min, long max, long typeMax) {
    JsonNode v = get(key);
    if (v == null) {
      return def;
    }
    if (!v.isIntegralNumber()) {
      throw fail(key, "must be an integer, got " + v);
    }
    if (!v.canConvertToLong() || v.asLong() > typeMax) {
      throw fail(key, "must be " + range(min, max) + ", got " + v.asText());
    }
    long value = v.asLong();
    if (value < min || value > max) {
      throw fail(key, "must be " + range(min, max) + ", got " + value);
    }
    return value;
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
  }

  /** A finite number. */
  double number(String key, double def) {
    JsonNode v = get(key);
    if (v == null) {
      return def;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw fail(key, "must be a finite number, got " + v);
    }
    return v.asDouble();
  }

  /** One of {@code type}'s constants, written in lower case ({@code exactly_once}). */
  <E extends Enum<E>> E choice(String key, Class<E> type, E def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    for (E e : type.getEnumConstants()) {
      if (yamlName(e).equals(s.trim())) {
        return e;
      }
    }
    throw fail(key, "must be one of " + names(type) + ", got '" + s + "'");
  }

  static String yamlName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> String names(Class<E> type) {
    StringBuilder b = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      b.append(b.isEmpty() ? "" : ", ").append(yamlName(e));
    }
    return b.toString();
  }

  /**
   * A free-form mapping of string keys to scalar values (client properties), sorted by key; numbers and booleans
   * are kept as their text, since client properties are strings.
   */
  Map<String, String> stringMap(String key) {
    JsonNode v = get(key);
    Map<String, String> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw fail(key, "must be a mapping of property names to values, got " + v);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value == null || value.isNull() || !value.isValueNode()) {
        throw fail(key + "." + e.getKey(), "must be a string, number or boolean, got " + value);
      }
      out.put(e.getKey(), value.asText());
    }
    return out;
  }

  /**
   * A list of non-blank strings: a YAML sequence, or one comma-separated string (what {@code --set key=a,b} gives);
   * empty when absent.
   */
  List<String> stringList(String key) {
    JsonNode v = get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isTextual()) {
      for (String part : v.asText().split(",", -1)) {
        out.add(part.trim());
      }
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual() && !e.isNumber()) {
          throw fail(key, "must be a list of names, got " + v);
        }
        out.add(e.asText().trim());
      }
    } else {
      throw fail(key, "must be a list of names, got " + v);
    }
    if (out.stream().anyMatch(String::isEmpty)) {
      throw fail(key, "holds an empty name: " + v);
    }
    return out;
  }

  /** Fails on the first key of this mapping that nobody read. */
  void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        throw failHere("unknown key '" + k + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The empty mapping the writers start from. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
