package io.streamnet.connect.registry;

/** No schema with that id, or the schema is not registered under the subject (Confluent error 40403). */
public class SchemaNotFoundException extends SchemaRegistryException {
  public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  public SchemaNotFoundException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
