package io.streamnet.connect.local;

import io.streamnet.connect.registry.CompatibilityLevel;
import io.streamnet.connect.registry.RegisteredSchema;
import io.streamnet.connect.registry.IncompatibleSchemaException;
import io.streamnet.connect.registry.SchemaNotFoundException;
import io.streamnet.connect.registry.RegistryErrors;
import io.streamnet.connect.registry.VersionNotFoundException;
import io.streamnet.connect.registry.SubjectNotFoundException;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.registry.CompatibilityResult;
import io.streamnet.schema.BackwardCompatibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * An in-memory registry with the semantics of the Confluent server that the serdes rely on: global ids shared by
 * equal schemas across subjects, versions per subject, compatibility levels (global default BACKWARD) enforced on
 * registration with Avro's resolution rules, and the same exceptions as the REST client.
 *
 * <p>Following Confluent's {@code mock://scope} convention, {@link #forScope(String)} hands every caller in the JVM
 * the same instance per scope, so that a producer and a consumer configured with {@code mock://demo} see one
 * registry. Meant for the in-process demo and unit tests; it keeps nothing on disk.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String endpoint;
  private final Map<String, Integer> idsByText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  /** A private registry, not shared through a scope. */
  public InMemorySchemaRegistry(String name) {
    this.endpoint = "mock://" + name;
  }

  /** The registry of {@code scope}, created on first use and shared by all callers until {@link #dropScope}. */
  public static InMemorySchemaRegistry forScope(String scope) {
    if (scope == null || scope.isEmpty()) {
      throw new IllegalArgumentException("a mock registry scope needs a name");
    }
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  /** Forgets the registry of {@code scope}; the next {@link #forScope} starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    requireSubject(subject);
    String text = schema.toString();
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions != null) {
      for (RegisteredSchema v : versions) {
        if (v.schema().toString().equals(text)) {
          return v.id();
        }
      }
      List<String> problems = problems(subject, schema, versions);
      if (!problems.isEmpty()) {
        throw new IncompatibleSchemaException("registering a schema under subject '" + subject + "' failed at "
            + endpoint + ": HTTP 409: schema is incompatible with an earlier version under "
            + level(subject) + ": " + problems, 409, 409);
      }
    }
    int id = idsByText.computeIfAbsent(text, t -> nextId++);
    schemasById.putIfAbsent(id, schema);
    List<RegisteredSchema> list = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    int version = list.isEmpty() ? 1 : list.get(list.size() - 1).version() + 1;
    list.add(new RegisteredSchema(subject, version, id, schema));
    return id;
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    String text = schema.toString();
    for (RegisteredSchema v : existing(subject)) {
      if (v.schema().toString().equals(text)) {
        return v;
      }
    }
    throw new SchemaNotFoundException("looking up a schema under subject '" + subject + "' failed at " + endpoint
        + ": HTTP 404 (error 40403): schema not found", 404, RegistryErrors.SCHEMA_NOT_FOUND);
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException("fetching schema id " + id + " failed at " + endpoint
          + ": HTTP 404 (error 40403): schema " + id + " not found", 404, RegistryErrors.SCHEMA_NOT_FOUND);
    }
    return schema;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    return existing(subject).stream().map(RegisteredSchema::version).toList();
  }

  @Override
  public synchronized RegisteredSchema getVersion(String subject, int version) {
    for (RegisteredSchema v : existing(subject)) {
      if (v.version() == version) {
        return v;
      }
    }
    throw new VersionNotFoundException("fetching version " + version + " of subject '" + subject + "' failed at "
        + endpoint + ": HTTP 404 (error 40402): version not found", 404, RegistryErrors.VERSION_NOT_FOUND);
  }

  @Override
  public synchronized RegisteredSchema getLatest(String subject) {
    List<RegisteredSchema> versions = existing(subject);
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null) {
      return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
    }
    List<String> problems = problems(subject, schema, versions);
    return new CompatibilityResult(problems.isEmpty(), problems);
  }

  @Override
  public synchronized Optional<CompatibilityLevel> getCompatibility(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    requireSubject(subject);
    subjectLevels.put(subject, level);
  }

  @Override
  public synchronized CompatibilityLevel getGlobalCompatibility() {
    return globalLevel;
  }

  @Override
  public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
    globalLevel = level;
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject) {
    List<Integer> versions = versions(subject);
    subjects.remove(subject);
    subjectLevels.remove(subject);
    return versions;
  }

  @Override
  public void verifyReachable() {
    // always reachable: it lives in this JVM
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  private CompatibilityLevel level(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** Why {@code candidate} breaks the subject's level against its versions, in Avro's words. */
  private List<String> problems(String subject, Schema candidate, List<RegisteredSchema> versions) {
    CompatibilityLevel level = level(subject);
    List<RegisteredSchema> against = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
    List<String> problems = new ArrayList<>();
    for (RegisteredSchema old : against) {
      if (level.checksBackward()) {
        for (String p : BackwardCompatibility.problems(candidate, old.schema())) {
          problems.add("reading version " + old.version() + " data: " + p);
        }
      }
      if (level.checksForward()) {
        for (String p : BackwardCompatibility.problems(old.schema(), candidate)) {
          problems.add("version " + old.version() + " reading new data: " + p);
        }
      }
    }
    return problems;
  }

  private List<RegisteredSchema> existing(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null) {
      throw new SubjectNotFoundException("subject '" + subject + "' not found at " + endpoint
          + ": HTTP 404 (error 40401)", 404, RegistryErrors.SUBJECT_NOT_FOUND);
    }
    return versions;
  }

  private static void requireSubject(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
  }
}
