package io.streamnet.connect.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the registry is and how to talk to it. Serializable, so that Flink functions can carry it to the task
 * managers and connect there.
 *
 * @param urls             one or more base URLs of the same registry (tried in turn on failure), e.g.
 *                         {@code http://127.0.0.1:8081/apis/ccompat/v7}; or a single {@code mock://scope}
 * @param auth             credentials
 * @param tls              TLS material for {@code https} URLs
 * @param retry            retry policy for transient failures
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   timeout of one HTTP request
 * @param missingIdTtl     how long a "no schema with this id" answer is remembered, so that a flood of records with
 *                         an unknown id does not become a flood of registry calls
 */
public record RegistryConfig(List<String> urls, RegistryAuth auth, TlsSettings tls, RetryPolicy retry,
                             Duration connectTimeout, Duration requestTimeout, Duration missingIdTtl)
    implements Serializable {

  /** Comma-separated registry URLs (Confluent's key). */
  public static final String URL = "schema.registry.url";
  /** {@code USER_INFO} (use {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user info inside the URL). */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  /** {@code user:password}. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  /** {@code STATIC_TOKEN} (use {@link #BEARER_AUTH_TOKEN}). */
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  /** Retries after the first attempt (Confluent's key). */
  public static final String MAX_RETRIES = "max.retries";
  /** First back-off in ms (Confluent's key). */
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  /** Back-off cap in ms (Confluent's key). */
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  /** Seed of the back-off jitter (StreamNet's key; unset: seeded from the clock). */
  public static final String RETRIES_JITTER_SEED = "retries.jitter.seed";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  /** How long an unknown schema id is remembered as missing, in ms (StreamNet's key). */
  public static final String MISSING_ID_CACHE_TTL_MS = "missing.id.cache.ttl.ms";

  public RegistryConfig {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema-registry URL is needed (" + URL + ")");
    }
    urls = List.copyOf(urls);
    for (String u : urls) {
      validateUrl(u);
    }
    if (urls.size() > 1 && urls.stream().anyMatch(RegistryConfig::isMockUrl)) {
      throw new IllegalArgumentException("a mock:// registry URL cannot be combined with others: " + urls);
    }
    auth = auth == null ? RegistryAuth.NONE : auth;
    tls = tls == null ? TlsSettings.DEFAULT : tls;
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    missingIdTtl = missingIdTtl == null ? Duration.ofSeconds(10) : missingIdTtl;
  }

  /** Defaults for everything but the URL(s); {@code urls} may be comma-separated. */
  public static RegistryConfig of(String urls) {
    return new RegistryConfig(splitUrls(urls), null, null, null, null, null, null);
  }

  public RegistryConfig withAuth(RegistryAuth newAuth) {
    return new RegistryConfig(urls, newAuth, tls, retry, connectTimeout, requestTimeout, missingIdTtl);
  }

  public RegistryConfig withTls(TlsSettings newTls) {
    return new RegistryConfig(urls, auth, newTls, retry, connectTimeout, requestTimeout, missingIdTtl);
  }

  public RegistryConfig withRetry(RetryPolicy newRetry) {
    return new RegistryConfig(urls, auth, tls, newRetry, connectTimeout, requestTimeout, missingIdTtl);
  }

  public RegistryConfig withTimeouts(Duration connect, Duration request) {
    return new RegistryConfig(urls, auth, tls, retry, connect, request, missingIdTtl);
  }

  public RegistryConfig withMissingIdTtl(Duration ttl) {
    return new RegistryConfig(urls, auth, tls, retry, connectTimeout, requestTimeout, ttl);
  }

  /** True for Confluent's {@code mock://scope} convention: an in-memory registry shared by everything in that scope. */
  public boolean isMock() {
    return isMockUrl(urls.get(0));
  }

  /** The scope of a {@code mock://scope} URL. */
  public String mockScope() {
    if (!isMock()) {
      throw new IllegalStateException("not a mock:// registry: " + urls);
    }
    return urls.get(0).substring("mock://".length());
  }

  /** The URLs as one string, for messages. */
  public String endpoint() {
    return String.join(",", urls);
  }

  /**
   * Reads the Confluent-style client properties (see the constants of this class); unknown keys are ignored, so the
   * whole Kafka client configuration can be passed.
   */
  public static RegistryConfig fromProperties(Map<String, ?> props) {
    String urlValue = string(props, URL);
    if (urlValue == null || urlValue.isBlank()) {
      throw new IllegalArgumentException("missing required property " + URL);
    }
    List<String> urls = splitUrls(urlValue);

    RegistryAuth auth = RegistryAuth.NONE;
    String basicSource = string(props, BASIC_AUTH_CREDENTIALS_SOURCE);
    if (basicSource != null && !basicSource.isBlank()) {
      auth = basicAuth(basicSource.trim().toUpperCase(Locale.ROOT), props, urls);
      urls = urls.stream().map(RegistryConfig::stripUserInfo).toList();
    }
    String bearerSource = string(props, BEARER_AUTH_CREDENTIALS_SOURCE);
    if (bearerSource != null && !bearerSource.isBlank()) {
      if (auth != RegistryAuth.NONE) {
        throw new IllegalArgumentException("set either " + BASIC_AUTH_CREDENTIALS_SOURCE + " or "
            + BEARER_AUTH_CREDENTIALS_SOURCE + ", not both");
      }
      if (!bearerSource.trim().equalsIgnoreCase("STATIC_TOKEN")) {
        throw new IllegalArgumentException(BEARER_AUTH_CREDENTIALS_SOURCE + "=" + bearerSource
            + " is not supported; use STATIC_TOKEN with " + BEARER_AUTH_TOKEN);
      }
      String token = string(props, BEARER_AUTH_TOKEN);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN needs " + BEARER_AUTH_TOKEN);
      }
      auth = RegistryAuth.bearer(token);
    }

    TlsSettings tls = new TlsSettings(string(props, TRUSTSTORE_LOCATION), string(props, TRUSTSTORE_PASSWORD),
        string(props, TRUSTSTORE_TYPE), string(props, KEYSTORE_LOCATION), string(props, KEYSTORE_PASSWORD),
        string(props, KEYSTORE_TYPE), string(props, KEY_PASSWORD));

    RetryPolicy d = RetryPolicy.DEFAULT;
    int maxRetries = (int) number(props, MAX_RETRIES, d.maxAttempts() - 1);
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES + " must not be negative, was " + maxRetries);
    }
    String seed = string(props, RETRIES_JITTER_SEED);
    RetryPolicy retry = new RetryPolicy(maxRetries + 1,
        Duration.ofMillis(number(props, RETRIES_WAIT_MS, d.initialBackoff().toMillis())),
        Duration.ofMillis(number(props, RETRIES_MAX_WAIT_MS, d.maxBackoff().toMillis())),
        d.multiplier(), d.jitter(), seed == null ? null : Long.parseLong(seed.trim()));

    return new RegistryConfig(urls, auth, tls, retry,
        Duration.ofMillis(number(props, CONNECT_TIMEOUT_MS, 5_000)),
        Duration.ofMillis(number(props, READ_TIMEOUT_MS, 10_000)),
        Duration.ofMillis(number(props, MISSING_ID_CACHE_TTL_MS, 10_000)));
  }

  private static RegistryAuth basicAuth(String source, Map<String, ?> props, List<String> urls) {
    String userInfo = switch (source) {
      case "USER_INFO" -> string(props, BASIC_AUTH_USER_INFO);
      case "URL" -> URI.create(urls.get(0)).getRawUserInfo();
      default -> throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
          + " is not supported; use USER_INFO (with " + BASIC_AUTH_USER_INFO + ") or URL");
    };
    if (userInfo == null || userInfo.indexOf(':') < 0) {
      throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
          + " needs credentials of the form user:password");
    }
    int colon = userInfo.indexOf(':');
    return RegistryAuth.basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
  }

  private static String stripUserInfo(String url) {
    if (isMockUrl(url)) {
      return url;
    }
    URI u = URI.create(url);
    if (u.getRawUserInfo() == null) {
      return url;
    }
    return url.replace(u.getRawUserInfo() + "@", "");
  }

  private static List<String> splitUrls(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        out.add(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
      }
    }
    return out;
  }

  private static void validateUrl(String url) {
    if (isMockUrl(url)) {
      if (url.length() == "mock://".length()) {
        throw new IllegalArgumentException("a mock:// registry URL needs a scope name, e.g. mock://demo");
      }
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid schema-registry URL '" + url + "': " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("invalid schema-registry URL '" + url
          + "': expected http://host:port[/path], https://... or mock://scope");
    }
  }

  private static boolean isMockUrl(String url) {
    return url.startsWith("mock://");
  }

  private static String string(Map<String, ?> props, String key) {
    Object v = props.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof org.apache.kafka.common.config.types.Password p) {
      return p.value();
    }
    return v.toString();
  }

  private static long number(Map<String, ?> props, String key, long fallback) {
    String v = string(props, key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + v + "'", e);
    }
  }

  @Override
  public String toString() {
    return "RegistryConfig[" + endpoint() + ", auth=" + auth + ", " + tls + ", retry=" + retry + "]";
  }
}
