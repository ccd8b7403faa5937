package io.streamnet.connect.registry;

/**
 * A schema-registry call failed. Carries the HTTP status and Confluent error code when the server answered
 * (both -1 otherwise); the message names the registry endpoint.
 */
public class SchemaRegistryException extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    this(message, httpStatus, errorCode, null);
  }

  /** The HTTP status of the failed call, or -1 when no answer came. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The Confluent error code (e.g. 40403), or -1 when the server sent none. */
  public int errorCode() {
    return errorCode;
  }
}
