package io.streamnet.connect.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry speaking the Confluent REST API, for Avro schemas. Implementations: {@link RestSchemaRegistryClient}
 * (a real server), the in-memory registry of module connectors-local ({@code mock://scope} URLs) and {@link CachingSchemaRegistryClient}
 * (caches in front of either). Obtain one with {@link SchemaRegistries#connect(RegistryConfig)}.
 *
 * <p>All methods are thread-safe. Failures are unchecked {@link SchemaRegistryException}s: the subclass says what
 * went wrong (e.g. {@link SchemaNotFoundException}, {@link IncompatibleSchemaException},
 * {@link RegistryUnavailableException}) and the message names the registry URL.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The registered version of {@code schema} under {@code subject}; {@link SchemaNotFoundException} if absent. */
  RegisteredSchema lookup(String subject, Schema schema);

  /** The schema with global id {@code id}; {@link SchemaNotFoundException} if there is none. */
  Schema getById(int id);

  /** All subjects, sorted. */
  List<String> subjects();

  /** The versions of {@code subject}, ascending; {@link SubjectNotFoundException} if the subject does not exist. */
  List<Integer> versions(String subject);

  /** Version {@code version} of {@code subject}. */
  RegisteredSchema getVersion(String subject, int version);

  /** The newest version of {@code subject}. */
  RegisteredSchema getLatest(String subject);

  /**
   * Whether {@code schema} may be registered under {@code subject} given the subject's compatibility level, with the
   * registry's reasons when it may not. A subject without versions accepts any schema.
   */
  CompatibilityResult testCompatibility(String subject, Schema schema);

  /** The compatibility level set on {@code subject} itself; empty when the subject follows the global level. */
  Optional<CompatibilityLevel> getCompatibility(String subject);

  /** Sets the compatibility level of {@code subject}. */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** The registry-wide default compatibility level. */
  CompatibilityLevel getGlobalCompatibility();

  /** Sets the registry-wide default compatibility level. */
  void setGlobalCompatibility(CompatibilityLevel level);

  /** Deletes {@code subject} and returns the versions it had; ids stay resolvable by {@link #getById(int)}. */
  List<Integer> deleteSubject(String subject);

  /**
   * Fails fast, with a {@link RegistryUnavailableException} naming the URL, when the registry cannot be reached
   * (after the configured retries). Called at start-up so that a missing registry is reported before data flows.
   */
  void verifyReachable();

  /** Where this client points, for messages (e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}, {@code mock://demo}). */
  String endpoint();
}
