package io.streamnet.connect.registry;

/** The registry refused the credentials (HTTP 401) or the permission (HTTP 403), or the TLS handshake failed. */
public class RegistryAuthenticationException extends SchemaRegistryException {
  public RegistryAuthenticationException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  public RegistryAuthenticationException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
