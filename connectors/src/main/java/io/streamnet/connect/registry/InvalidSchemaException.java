package io.streamnet.connect.registry;

/** The registry rejected the schema or its type (Confluent error 42201), or returned one that is not valid Avro. */
public class InvalidSchemaException extends SchemaRegistryException {
  public InvalidSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  public InvalidSchemaException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
