package io.streamnet.connect.registry;

/**
 * The registry could not be reached, or kept answering with a server error, for every attempt the retry policy
 * allowed. The message names the URL, the number of attempts and the last error.
 */
public class RegistryUnavailableException extends SchemaRegistryException {
  public RegistryUnavailableException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
