package io.streamnet.connect.registry;

import java.util.List;

/**
 * The answer to a compatibility test.
 *
 * @param compatible whether the schema may be registered
 * @param messages   the registry's reasons (verbose mode); may be empty even when incompatible if the server gives none
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
