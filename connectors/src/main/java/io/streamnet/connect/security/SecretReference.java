package io.streamnet.connect.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A reference to a secret instead of the secret itself in a configuration: {@code env:NAME} (an environment variable
 * holds it) or {@code file:PATH} (a file holds it; a final line break is dropped). Errors name the variable or the
 * file, never a secret.
 */
public final class SecretReference {
  public static final String ENV = "env:";
  public static final String FILE = "file:";

  private SecretReference() {}

  /** Whether {@code value} is a reference ({@code env:...} or {@code file:...}). */
  public static boolean isReference(String value) {
    return value != null && (value.startsWith(ENV) || value.startsWith(FILE));
  }

  /** The secret {@code reference} names; {@code env} looks variables up (System::getenv). */
  public static String read(String reference, UnaryOperator<String> env) {
    if (reference.startsWith(ENV)) {
      String name = reference.substring(ENV.length());
      String value = name.isBlank() ? null : env.apply(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("environment variable " + (name.isBlank() ? "(no name after env:)" : name)
            + " is not set");
      }
      return value;
    }
    if (reference.startsWith(FILE)) {
      Path file = Path.of(reference.substring(FILE.length()));
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8);
        return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
            : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file.toAbsolutePath() + " (" + e.getClass().getSimpleName()
            + ")", e);
      }
    }
    throw new IllegalArgumentException("not a secret reference (env:NAME or file:PATH)");
  }
}
