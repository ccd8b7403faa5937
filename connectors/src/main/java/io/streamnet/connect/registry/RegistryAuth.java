package io.streamnet.connect.registry;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** How a client authenticates to the registry: nothing, HTTP basic auth, or a bearer token. */
public sealed interface RegistryAuth extends Serializable {

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorizationHeader();

  RegistryAuth NONE = new None();

  static RegistryAuth basic(String user, String password) {
    return new Basic(user, password);
  }

  static RegistryAuth bearer(String token) {
    return new Bearer(token);
  }

  /** No credentials. */
  record None() implements RegistryAuth {
    @Override
    public Optional<String> authorizationHeader() {
      return Optional.empty();
    }
  }

  /** HTTP basic auth. */
  record Basic(String user, String password) implements RegistryAuth {
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a basic-auth user name cannot contain ':'");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      byte[] userInfo = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo));
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=***]";
    }
  }

  /** A static bearer token (e.g. an OAuth access token). */
  record Bearer(String token) implements RegistryAuth {
    public Bearer {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("a bearer token must not be blank");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      return Optional.of("Bearer " + token);
    }

    @Override
    public String toString() {
      return "Bearer[token=***]";
    }
  }
}
