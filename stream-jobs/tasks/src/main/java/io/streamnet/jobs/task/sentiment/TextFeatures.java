package io.streamnet.jobs.task.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.feature.TextHashingConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * How the sentiment task turns text into the network's input: a text-hashing featurizer and the sparse input it
 * feeds. Written into every snapshot as the task spec, in the keys of the runner spec's {@code features} section.
 *
 * @param config    the featurizer's settings
 * @param inputName the network input (sparse_ids) that receives the hashed ids
 */
public record TextFeatures(TextHashingConfig config, String inputName) implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TextFeatures {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(inputName, "inputName");
  }

  /** {@code {"type":"text_hashing","input":...,"buckets":...,"min_order":...,"max_order":...,"binary":...,"seed":...}} */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "text_hashing");
    o.put("input", inputName);
    o.put("buckets", config.buckets());
    o.put("min_order", config.minOrder());
    o.put("max_order", config.maxOrder());
    o.put("binary", config.binary());
    o.put("seed", config.seed());
    return o.toString();
  }

  /**
   * Reads {@link #toJson()}'s form.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static TextFeatures fromJson(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("sentiment task spec is not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject() || !"text_hashing".equals(o.path("type").asText())) {
      throw new IllegalArgumentException("sentiment task spec must be an object with type text_hashing, got " + json);
    }
    return new TextFeatures(new TextHashingConfig(integer(o, "buckets"), integer(o, "min_order"),
        integer(o, "max_order"), bool(o, "binary"), integer(o, "seed")), text(o, "input"));
  }

  private static int integer(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.canConvertToInt()) {
      throw new IllegalArgumentException("sentiment task spec: '" + key + "' must be an integer, got " + v);
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException("sentiment task spec: '" + key + "' must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("sentiment task spec: '" + key + "' must be a string, got " + v);
    }
    return v.asText();
  }
}
