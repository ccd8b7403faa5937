package io.streamnet.connect.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches in front of a registry: id to schema (ids are immutable, so forever), (subject, schema) to id and to
 * registered version, and - for {@code missingIdTtl} - ids the registry said it does not have. With a warm cache the
 * serdes make no registry call at all, so a registry outage only affects schemas not seen before.
 *
 * <p>The caches grow with the number of distinct schemas in use, which is small for a registry; they are not evicted.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private final SchemaRegistryClient delegate;
  private final long missingTtlNanos;
  private final LongSupplier nanoTime;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<Integer, Long> missingUntil = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, RegisteredSchema> lookedUp = new ConcurrentHashMap<>();

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration missingIdTtl) {
    this(delegate, missingIdTtl, System::nanoTime);
  }

  /** With an explicit clock, for tests of the missing-id expiry. */
  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration missingIdTtl, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.missingTtlNanos = missingIdTtl.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer id = registered.get(key);
    if (id == null) {
      id = delegate.register(subject, schema);
      registered.put(key, id);
      byId.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    RegisteredSchema found = lookedUp.get(key);
    if (found == null) {
      found = delegate.lookup(subject, schema);
      lookedUp.put(key, found);
      byId.putIfAbsent(found.id(), schema);
    }
    return found;
  }

  @Override
  public Schema getById(int id) {
    Schema schema = byId.get(id);
    if (schema != null) {
      return schema;
    }
    Long until = missingUntil.get(id);
    if (until != null) {
      if (nanoTime.getAsLong() - until < 0) {
        throw new SchemaNotFoundException("schema id " + id + " is not in the registry at " + delegate.endpoint()
            + " (answer cached for " + Duration.ofNanos(missingTtlNanos).toMillis() + " ms)", 404,
            RegistryErrors.SCHEMA_NOT_FOUND);
      }
      missingUntil.remove(id, until);
    }
    try {
      schema = delegate.getById(id);
    } catch (SchemaNotFoundException e) {
      if (missingTtlNanos > 0) {
        missingUntil.put(id, nanoTime.getAsLong() + missingTtlNanos);
      }
      throw e;
    }
    byId.put(id, schema);
    return schema;
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(String subject) {
    return delegate.versions(subject);
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    RegisteredSchema v = delegate.getVersion(subject, version);
    byId.putIfAbsent(v.id(), v.schema());
    return v;
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    RegisteredSchema v = delegate.getLatest(subject);
    byId.putIfAbsent(v.id(), v.schema());
    return v;
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public Optional<CompatibilityLevel> getCompatibility(String subject) {
    return delegate.getCompatibility(subject);
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }

  @Override
  public CompatibilityLevel getGlobalCompatibility() {
    return delegate.getGlobalCompatibility();
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    delegate.setGlobalCompatibility(level);
  }

  @Override
  public List<Integer> deleteSubject(String subject) {
    List<Integer> versions = delegate.deleteSubject(subject);
    registered.keySet().removeIf(k -> k.subject().equals(subject));
    lookedUp.keySet().removeIf(k -> k.subject().equals(subject));
    return versions;
  }

  @Override
  public void verifyReachable() {
    delegate.verifyReachable();
  }

  @Override
  public String endpoint() {
    return delegate.endpoint();
  }
}
