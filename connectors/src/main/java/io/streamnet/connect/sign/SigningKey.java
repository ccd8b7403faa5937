package io.streamnet.connect.sign;

import io.streamnet.connect.security.SecretReference;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A key that signs or verifies model snapshots (HMAC-SHA256), named by an id that travels in each signature so that
 * a reader can hold the old and the new key during a rotation. The secret never appears in {@link #toString()}.
 *
 * @param id     short name of the key (1 to 64 UTF-8 bytes), e.g. {@code 2026-12}
 * @param secret at least 32 bytes
 */
public record SigningKey(String id, byte[] secret) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** HMAC-SHA256 keys shorter than its block of hash output are weak. */
  public static final int MIN_SECRET_BYTES = 32;

  public SigningKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    int idBytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (idBytes < 1 || idBytes > 64) {
      throw new IllegalArgumentException("signing key id '" + id + "' must be 1 to 64 UTF-8 bytes");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("signing key '" + id + "' has " + secret.length + " bytes; at least "
          + MIN_SECRET_BYTES + " are needed (e.g. `openssl rand -base64 32`)");
    }
    secret = secret.clone();
  }

  /**
   * The key {@code id} from a reference to its secret, never the secret itself in a config file:
   * {@code env:NAME} (an environment variable holding it in base64), {@code file:PATH} (a file holding it in base64)
   * or {@code base64:...} (inline, for tests).
   */
  public static SigningKey of(String id, String reference) {
    return of(id, reference, System::getenv);
  }

  static SigningKey of(String id, String reference, UnaryOperator<String> env) {
    Objects.requireNonNull(reference, "reference");
    String base64;
    if (SecretReference.isReference(reference)) {
      try {
        base64 = SecretReference.read(reference, env);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signing key '" + id + "': " + e.getMessage(), e);
      }
    } else if (reference.startsWith("base64:")) {
      base64 = reference.substring(7);
    } else {
      throw new IllegalArgumentException("signing key '" + id + "': expected env:NAME, file:PATH or base64:..., got '"
          + (reference.length() > 8 ? reference.substring(0, 8) + "...'" : reference + "'"));
    }
    try {
      return new SigningKey(id, Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("signing key")) {
        throw e;
      }
      throw new IllegalArgumentException("signing key '" + id + "': its secret is not base64", e);
    }
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && id.equals(k.id) && Arrays.equals(secret, k.secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[" + id + ", ****]";
  }
}
