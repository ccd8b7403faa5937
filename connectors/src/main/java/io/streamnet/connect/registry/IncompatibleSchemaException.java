package io.streamnet.connect.registry;

/** The schema breaks the subject's compatibility level (HTTP 409); the message carries the registry's reasons. */
public class IncompatibleSchemaException extends SchemaRegistryException {
  public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  public IncompatibleSchemaException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
