package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.connect.registry.RegistryConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code registry} section: the schema registry that Avro records are encoded against.
 *
 * @param url        registry URL(s), comma separated (tried in turn), or {@code mock://scope} for an in-memory
 *                   registry shared inside the JVM
 * @param properties client settings as {@link RegistryConfig#fromProperties} reads them (basic or bearer
 *                   authentication, TLS stores, retries, timeouts), sorted by name
 */
public record Registry(String url, Map<String, String> properties, long outageLimitMs) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How long a record whose writer schema cannot be fetched is held and retried by default. */
  public static final long DEFAULT_OUTAGE_LIMIT_MS = 60_000;
  /** Longest hold: well below what a stuck task looks like to Flink and to a Kafka consumer group. */
  static final long MAX_OUTAGE_LIMIT_MS = 240_000;
  /** The settings {@link RegistryConfig#fromProperties} understands besides the URL; anything else is a typo. */
  static final List<String> KNOWN_PROPERTIES = List.of(
      RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, RegistryConfig.BASIC_AUTH_USER_INFO,
      RegistryConfig.BEARER_AUTH_CREDENTIALS_SOURCE, RegistryConfig.BEARER_AUTH_TOKEN,
      RegistryConfig.TRUSTSTORE_LOCATION, RegistryConfig.TRUSTSTORE_PASSWORD, RegistryConfig.TRUSTSTORE_TYPE,
      RegistryConfig.KEYSTORE_LOCATION, RegistryConfig.KEYSTORE_PASSWORD, RegistryConfig.KEYSTORE_TYPE,
      RegistryConfig.KEY_PASSWORD, RegistryConfig.MAX_RETRIES, RegistryConfig.RETRIES_WAIT_MS,
      RegistryConfig.RETRIES_MAX_WAIT_MS, RegistryConfig.RETRIES_JITTER_SEED, RegistryConfig.CONNECT_TIMEOUT_MS,
      RegistryConfig.READ_TIMEOUT_MS, RegistryConfig.MISSING_ID_CACHE_TTL_MS);

  public Registry {
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /** With the default outage limit. */
  public Registry(String url, Map<String, String> properties) {
    this(url, properties, DEFAULT_OUTAGE_LIMIT_MS);
  }

  /** How long a record is held through a registry outage before it is dead-lettered. */
  public Duration outageLimit() {
    return Duration.ofMillis(outageLimitMs);
  }

  /** The registry client configuration. */
  public RegistryConfig registryConfig() {
    Map<String, String> all = new HashMap<>(properties);
    all.put(RegistryConfig.URL, url);
    return RegistryConfig.fromProperties(all);
  }

  static Registry read(ConfigNode n) {
    String url = n.nonBlank("url", "http://localhost:8081/apis/ccompat/v7");
    try {
      RegistryConfig.of(url);
    } catch (IllegalArgumentException e) {
      throw n.fail("url", e.getMessage());
    }
    Map<String, String> props = n.stringMap("properties");
    for (String key : props.keySet()) {
      if (key.equals(RegistryConfig.URL)) {
        throw n.fail("properties." + key, "set registry.url instead");
      }
      if (!KNOWN_PROPERTIES.contains(key)) {
        throw n.fail("properties", "unknown key '" + key + "' (known: " + String.join(", ", KNOWN_PROPERTIES) + ")");
      }
    }
    long outage = n.longValue("outage_limit_ms", DEFAULT_OUTAGE_LIMIT_MS, 0, MAX_OUTAGE_LIMIT_MS);
    n.finish();
    Registry r = new Registry(url, props, outage);
    try {
      r.registryConfig();
    } catch (IllegalArgumentException e) {
      throw n.fail("properties", e.getMessage());
    }
    return r;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("url", url);
    ObjectNode props = o.putObject("properties");
    properties.forEach(props::put);
    o.put("outage_limit_ms", outageLimitMs);
    return o;
  }

  @Override
  public String toString() {
    return "Registry[url=" + Secrets.maskedUrl(url) + ", properties=" + Secrets.masked(properties)
        + ", outageLimitMs=" + outageLimitMs + "]";
  }
}
