package io.streamnet.connect.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Kafka client settings whose secrets live elsewhere: the value of a password setting (Kafka's own type PASSWORD:
 * {@code sasl.jaas.config}, {@code ssl.truststore.password}, {@code ssl.keystore.password}, {@code ssl.key.password},
 * ...) may be a {@link SecretReference}, {@code env:NAME} or {@code file:PATH}, holding the whole value. Other settings
 * are taken as written (a {@code file:} URL of an OAuth endpoint stays a URL). A prefixed setting
 * ({@code producer.sasl.jaas.config} of Kafka Streams, {@code listener.name.x.sasl.jaas.config}) counts as its
 * suffix.
 */
public final class KafkaClientSecrets {
  /** The password settings of producers, consumers and admin clients. */
  private static final Set<String> PASSWORD_KEYS = passwordKeys();

  private KafkaClientSecrets() {}

  private static Set<String> passwordKeys() {
    Set<String> keys = new TreeSet<>();
    for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(),
        AdminClientConfig.configDef()}) {
      def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD).forEach(k -> keys.add(k.name));
    }
    return keys;
  }

  /** Whether {@code key} is a password setting, possibly prefixed. */
  public static boolean isPassword(String key) {
    if (PASSWORD_KEYS.contains(key)) {
      return true;
    }
    for (String p : PASSWORD_KEYS) {
      if (key.endsWith("." + p)) {
        return true;
      }
    }
    return false;
  }

  /** {@code properties} with every reference of a password setting replaced by the secret it names. */
  public static <V> Map<String, Object> resolve(Map<String, V> properties) {
    return resolve(properties, System::getenv);
  }

  /** As {@link #resolve(Map)}, variables looked up in {@code env}. */
  public static <V> Map<String, Object> resolve(Map<String, V> properties, UnaryOperator<String> env) {
    Map<String, Object> out = new LinkedHashMap<>(properties);
    properties.forEach((key, value) -> {
      if (value instanceof String s && isPassword(key) && SecretReference.isReference(s)) {
        try {
          out.put(key, SecretReference.read(s, env));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
      }
    });
    return out;
  }

  /** As {@link #resolve(Map)}, for string-valued settings. */
  public static Map<String, String> resolveStrings(Map<String, String> properties, UnaryOperator<String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    resolve(properties, env).forEach((k, v) -> out.put(k, (String) v));
    return out;
  }
}
