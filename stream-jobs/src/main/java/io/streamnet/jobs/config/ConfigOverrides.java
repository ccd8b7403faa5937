package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Sets dotted keys ({@code trainer.max_wait_ms=0}) in a configuration tree, before it is validated like a file.
 * Below a free-form mapping (client properties) the rest of the key is one property name:
 * {@code kafka.properties.security.protocol} sets {@code security.protocol}.
 */
final class ConfigOverrides {
  private static final Set<String> FREE_FORM = Set.of("kafka.properties", "registry.properties");
  private static final ObjectMapper YAML = new YAMLMapper();

  private ConfigOverrides() {}

  static void apply(ObjectNode tree, Map<String, String> overrides, String source) {
    overrides.forEach((key, value) -> set(tree, key, value, source));
  }

  private static void set(ObjectNode tree, String key, String raw, String source) {
    String[] parts = key == null ? new String[] {""} : key.split("\\.", -1);
    if (Arrays.stream(parts).anyMatch(p -> p.isBlank())) {
      throw new ConfigException(source, String.valueOf(key), "not a dotted key such as kafka.bootstrap_servers");
    }
    JsonNode value = value(raw);
    ObjectNode current = tree;
    String path = "";
    for (int i = 0; i < parts.length; i++) {
      path = path.isEmpty() ? parts[i] : path + "." + parts[i];
      if (i == parts.length - 1) {
        current.set(parts[i], value);
        break;
      }
      current = section(current, parts[i], path, key, source);
      if (FREE_FORM.contains(path)) {
        current.set(String.join(".", Arrays.copyOfRange(parts, i + 1, parts.length)), value);
        break;
      }
    }
    if (key.equals("model.spec") && tree.get("model") instanceof ObjectNode model) {
      // the effective tree spells the model out; a spec file replaces it
      model.remove("features");
      model.remove("network");
    }
  }

  private static ObjectNode section(ObjectNode parent, String name, String path, String key, String source) {
    JsonNode child = parent.get(name);
    if (child == null || child.isNull()) {
      return parent.putObject(name);
    }
    if (!(child instanceof ObjectNode o)) {
      throw new ConfigException(source, key, path + " is a value, not a section");
    }
    return o;
  }

  /** A YAML scalar ({@code 0}, {@code true}, {@code null}) or flow collection ({@code {a: b}}); else the text. */
  static JsonNode value(String raw) {
    if (raw == null) {
      return NullNode.instance;
    }
    String t = raw.trim();
    if (t.isEmpty()) {
      return TextNode.valueOf(raw);
    }
    try {
      JsonNode n = YAML.readTree(t);
      if (n == null || n.isMissingNode() || (n.isContainerNode() && !(t.startsWith("{") || t.startsWith("[")))) {
        return TextNode.valueOf(raw);
      }
      return n;
    } catch (JacksonException e) {
      return TextNode.valueOf(raw);
    }
  }
}
