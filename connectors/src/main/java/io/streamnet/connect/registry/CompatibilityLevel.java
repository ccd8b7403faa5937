package io.streamnet.connect.registry;

import java.util.Arrays;
import java.util.Locale;

/** The compatibility levels of the Confluent schema-registry API. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** New schemas must be able to read data written with older ones. */
  public boolean checksBackward() {
    return this != NONE && this != FORWARD && this != FORWARD_TRANSITIVE;
  }

  /** Older schemas must be able to read data written with new ones. */
  public boolean checksForward() {
    return this != NONE && this != BACKWARD && this != BACKWARD_TRANSITIVE;
  }

  /** Checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /** Parses a level name as the REST API spells it (case-insensitive). */
  public static CompatibilityLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown compatibility level '" + name + "', expected one of "
          + Arrays.toString(values()), e);
    }
  }
}
