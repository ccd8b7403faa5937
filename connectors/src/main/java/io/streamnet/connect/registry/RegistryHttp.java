package io.streamnet.connect.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the REST client: builds requests with auth and content-type headers, retries transient failures
 * with back-off (moving to the next URL when several are configured), and maps error answers to exceptions.
 */
final class RegistryHttp {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private final List<String> urls;
  private final RegistryAuth auth;
  private final RetryPolicy retry;
  private final Duration requestTimeout;
  private final Sleeper sleeper;
  private final Random jitter;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  /** Index of the URL that answered last; calls start there. */
  private final AtomicInteger preferred = new AtomicInteger();
  /** Whether the last call reached the registry; outages and recoveries are logged once, not per call. */
  private final AtomicBoolean reachable = new AtomicBoolean(true);

  RegistryHttp(RegistryConfig config, Sleeper sleeper) {
    if (config.isMock()) {
      throw new IllegalArgumentException(config.endpoint() + " is an in-memory registry; use SchemaRegistries.connect");
    }
    this.urls = config.urls();
    this.auth = config.auth();
    this.retry = config.retry();
    this.requestTimeout = config.requestTimeout();
    this.sleeper = sleeper;
    this.jitter = config.retry().newRandom();
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout());
    if (urls.stream().anyMatch(u -> u.startsWith("https:"))) {
      builder.sslContext(config.tls().sslContext());
    }
    this.http = builder.build();
  }

  String endpoint() {
    return String.join(",", urls);
  }

  /**
   * Sends {@code method path} with an optional JSON body and returns the parsed JSON answer ({@link NullNode} when
   * empty). {@code operation} describes the call for error messages.
   */
  JsonNode call(String method, String path, Object body, String operation) {
    String payload = body == null ? null : toJson(body);
    int start = preferred.get();
    String lastError = "";
    int lastStatus = -1;
    int lastCode = -1;
    Throwable lastCause = null;
    long began = System.nanoTime();
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      int index = (start + attempt - 1) % urls.size();
      String base = urls.get(index);
      try {
        HttpResponse<String> response = http.send(request(base, method, path, payload), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          preferred.set(index);
          markReachable(base);
          return parse(response.body(), base, operation);
        }
        SchemaRegistryException error = RegistryErrors.map(base, operation, status, response.body());
        if (!RegistryErrors.retryable(status)) {
          markReachable(base);
          throw error;
        }
        lastError = error.getMessage();
        lastStatus = status;
        lastCode = error.errorCode();
        lastCause = error;
      } catch (SSLException e) {
        throw new RegistryAuthenticationException(operation + " failed at " + base + ": TLS handshake failed: "
            + e.getMessage() + " - check the trust store (" + RegistryConfig.TRUSTSTORE_LOCATION + ")", -1, -1, e);
      } catch (IOException e) {
        lastError = operation + " failed at " + base + ": " + describe(e);
        lastStatus = -1;
        lastCode = -1;
        lastCause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(operation + " at " + base + " was interrupted", -1, -1, e);
      }
      if (attempt < retry.maxAttempts()) {
        pause(retry.backoff(attempt, jitter), operation, base);
      }
    }
    long elapsedMs = (System.nanoTime() - began) / 1_000_000;
    String message = "schema registry " + endpoint() + " unavailable after " + retry.maxAttempts() + " attempt(s) over "
        + elapsedMs + " ms; last error: " + lastError;
    if (reachable.getAndSet(false)) {
      LOG.warn(message);
    }
    throw new RegistryUnavailableException(message, lastStatus, lastCode, lastCause);
  }

  private void pause(Duration wait, String operation, String base) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(operation + " at " + base + " was interrupted while backing off", -1, -1, e);
    }
  }

  private void markReachable(String base) {
    if (!reachable.getAndSet(true)) {
      LOG.info("schema registry {} reachable again", base);
    }
  }

  private HttpRequest request(String base, String method, String path, String payload) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    auth.authorizationHeader().ifPresent(h -> b.header("Authorization", h));
    if (payload != null) {
      b.header("Content-Type", CONTENT_TYPE);
      b.method(method, HttpRequest.BodyPublishers.ofString(payload));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private JsonNode parse(String body, String base, String operation) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new SchemaRegistryException(operation + " at " + base + " returned a body that is not JSON: "
          + (body.length() > 200 ? body.substring(0, 200) + "..." : body), 200, -1, e);
    }
  }

  private String toJson(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write registry request as JSON", e);
    }
  }

  private static String describe(IOException e) {
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof java.net.ConnectException) {
      text += " (nothing listening there, or the host is unreachable)";
    } else if (e instanceof java.net.http.HttpTimeoutException) {
      text += " (no answer within the request timeout, " + RegistryConfig.READ_TIMEOUT_MS + ")";
    }
    return text;
  }
}
