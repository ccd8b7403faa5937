package io.streamnet.connect.security;

import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * What an operator should read when a Kafka client cannot connect because of security settings: a refused login or
 * a failed TLS handshake, with the settings to check. The client's own exceptions say "SSL handshake failed" or
 * "Authentication failed during authentication due to invalid credentials", deep in a chain; these messages put the
 * cause and the setting first. They name no secret (Kafka's messages hold none either).
 */
public final class KafkaFailures {
  private KafkaFailures() {}

  /**
   * An explanation of {@code failure} (anywhere in its causes) if it is an authentication or TLS failure of a client
   * connecting to {@code servers}; empty for any other failure.
   */
  public static Optional<String> securityFailure(Throwable failure, String servers) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SslAuthenticationException) {
        return Optional.of("TLS handshake with Kafka at " + servers + " failed: " + tlsCause(t)
            + " (check security.protocol, ssl.truststore.location/password: the trust store must hold the CA that"
            + " signed the broker's certificate; with client certificates also ssl.keystore.*)");
      }
      if (t instanceof SaslAuthenticationException) {
        return Optional.of("Kafka at " + servers + " refused the login: " + firstLine(t.getMessage())
            + " (check sasl.mechanism and the username and password in sasl.jaas.config)");
      }
      if (t instanceof AuthenticationException) {
        return Optional.of("Kafka at " + servers + " refused the connection: " + firstLine(t.getMessage())
            + " (check security.protocol and the sasl.* / ssl.* settings)");
      }
    }
    return Optional.empty();
  }

  /** The innermost TLS reason, in words an operator knows. */
  private static String tlsCause(Throwable sslFailure) {
    String reason = null;
    for (Throwable t = sslFailure; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof java.security.cert.CertificateException
          || t instanceof java.security.GeneralSecurityException) {
        reason = t.getMessage();
      }
    }
    String text = reason == null ? firstLine(sslFailure.getMessage()) : firstLine(reason);
    if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
      return "the broker's certificate is not trusted (no trusted CA signed it)";
    }
    if (text.contains("No subject alternative") || text.contains("No name matching")) {
      return "the broker's certificate does not name the host connected to (" + text + ")";
    }
    if (text.contains("certificate_required") || text.contains("bad_certificate")) {
      return "the broker requires a client certificate it trusts (" + text + ")";
    }
    return text;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
