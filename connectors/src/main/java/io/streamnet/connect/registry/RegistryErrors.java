package io.streamnet.connect.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Maps a registry's error answer (HTTP status + Confluent {@code {"error_code", "message"}} body) to an exception; the
 * Confluent error codes are public for other clients of the same API (the in-memory registry of connectors-local).
 */
public final class RegistryErrors {

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private RegistryErrors() {}

  /** Whether a failed answer is worth retrying: the server is overloaded, restarting or briefly failing. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  static SchemaRegistryException map(String endpoint, String operation, int status, String body) {
    int code = -1;
    String detail = body == null ? "" : body.strip();
    try {
      JsonNode node = JSON.readTree(detail);
      if (node != null && node.isObject()) {
        code = node.path("error_code").asInt(-1);
        if (node.hasNonNull("message")) {
          detail = node.get("message").asText();
        }
      }
    } catch (Exception notJson) {
      // keep the raw body: proxies answer with HTML or plain text
    }
    if (detail.length() > MAX_BODY_IN_MESSAGE) {
      detail = detail.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    String message = operation + " failed at " + endpoint + ": HTTP " + status
        + (code > 0 ? " (error " + code + ")" : "") + (detail.isEmpty() ? "" : ": " + detail);
    if (status == 401 || status == 403) {
      return new RegistryAuthenticationException(message + (status == 401 ? " - check the credentials" : ""), status, code);
    }
    if (status == 409) {
      return new IncompatibleSchemaException(message, status, code);
    }
    return switch (code) {
      case SUBJECT_NOT_FOUND -> new SubjectNotFoundException(message, status, code);
      case VERSION_NOT_FOUND -> new VersionNotFoundException(message, status, code);
      case SCHEMA_NOT_FOUND -> new SchemaNotFoundException(message, status, code);
      case INVALID_SCHEMA -> new InvalidSchemaException(message, status, code);
      default -> status == 404 && code < 0
          ? new SchemaRegistryException(message + " - is the URL the base of a Confluent-compatible API"
              + " (for Apicurio: http://host:port/apis/ccompat/v7)?", status, code)
          : new SchemaRegistryException(message, status, code);
    };
  }
}
