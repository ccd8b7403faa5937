package io.streamnet.connect.registry;

/** The subject has no such version (Confluent error 40402). */
public class VersionNotFoundException extends SchemaRegistryException {
  public VersionNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  public VersionNotFoundException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
