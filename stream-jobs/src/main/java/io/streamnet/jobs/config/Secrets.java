package io.streamnet.jobs.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Hides credentials when client properties are printed ({@code toString}, hence logs); {@code toYaml} keeps them. */
final class Secrets {
  private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|user\\.info|private|(^|\\.)key$");

  private Secrets() {}

  /** A URL without the credentials it may carry ({@code https://user:pass@host} becomes {@code https://****@host}). */
  static String maskedUrl(String url) {
    return url.replaceAll("//[^/@,]+@", "//****@");
  }

  static Map<String, String> masked(Map<String, String> properties) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach((k, v) -> out.put(k, SECRET.matcher(k.toLowerCase(Locale.ROOT)).find() ? "****" : v));
    return out;
  }
}
