package io.streamnet.connect.serde;

import io.streamnet.connect.registry.RegistryConfig;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Serde settings besides the registry itself, read from Confluent's property names so that existing Kafka client
 * configurations work unchanged.
 *
 * @param registry      the registry
 * @param autoRegister  register the record's schema on first use ({@code true}), or only look it up ({@code false})
 * @param keyStrategy   subject naming for keys
 * @param valueStrategy subject naming for values
 */
public record AvroSerdeConfig(RegistryConfig registry, boolean autoRegister, SubjectNameStrategy keyStrategy,
                              SubjectNameStrategy valueStrategy) implements Serializable {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  /** The generated class a deserializer of keys produces. */
  public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
  /** The generated class a deserializer of values produces. */
  public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";

  public AvroSerdeConfig {
    Objects.requireNonNull(registry, "registry");
    keyStrategy = keyStrategy == null ? SubjectNaming.TOPIC : keyStrategy;
    valueStrategy = valueStrategy == null ? SubjectNaming.TOPIC : valueStrategy;
  }

  /** Auto-registration and TopicNameStrategy for keys and values. */
  public static AvroSerdeConfig of(RegistryConfig registry) {
    return new AvroSerdeConfig(registry, true, SubjectNaming.TOPIC, SubjectNaming.TOPIC);
  }

  public AvroSerdeConfig withAutoRegister(boolean enabled) {
    return new AvroSerdeConfig(registry, enabled, keyStrategy, valueStrategy);
  }

  public AvroSerdeConfig withValueStrategy(SubjectNameStrategy strategy) {
    return new AvroSerdeConfig(registry, autoRegister, keyStrategy, strategy);
  }

  public AvroSerdeConfig withKeyStrategy(SubjectNameStrategy strategy) {
    return new AvroSerdeConfig(registry, autoRegister, strategy, valueStrategy);
  }

  public SubjectNameStrategy strategy(boolean isKey) {
    return isKey ? keyStrategy : valueStrategy;
  }

  public static AvroSerdeConfig fromProperties(Map<String, ?> props) {
    Object auto = props.get(AUTO_REGISTER_SCHEMAS);
    Object keyStrategy = props.get(KEY_SUBJECT_NAME_STRATEGY);
    Object valueStrategy = props.get(VALUE_SUBJECT_NAME_STRATEGY);
    return new AvroSerdeConfig(RegistryConfig.fromProperties(props),
        auto == null || Boolean.parseBoolean(auto.toString().trim()),
        keyStrategy == null ? SubjectNaming.TOPIC : strategy(keyStrategy),
        valueStrategy == null ? SubjectNaming.TOPIC : strategy(valueStrategy));
  }

  /** The generated class named by {@code specific.avro.key.type} / {@code specific.avro.value.type}. */
  public static Class<?> specificType(Map<String, ?> props, boolean isKey) {
    String key = isKey ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE;
    Object value = props.get(key);
    if (value instanceof Class<?> c) {
      return c;
    }
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("missing " + key + ": the generated Avro class to deserialize into");
    }
    try {
      return Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(key + "=" + value + ": no such class on the classpath", e);
    }
  }

  private static SubjectNameStrategy strategy(Object value) {
    if (value instanceof SubjectNameStrategy s) {
      return s;
    }
    if (value instanceof Class<?> c) {
      return SubjectNaming.parse(c.getName());
    }
    return SubjectNaming.parse(value.toString());
  }
}
