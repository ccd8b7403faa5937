package io.streamnet.connect.registry;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.ReviewEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

  private static final Schema SCHEMA = ReviewEvent.getClassSchema();

  /** Counts calls to an in-memory registry and can be switched "down". */
  private static final class CountingRegistry implements SchemaRegistryClient {
    final InMemorySchemaRegistry inner = new InMemorySchemaRegistry("counted");
    int getById;
    int register;
    int lookup;
    boolean down;

    private void maybeDown() {
      if (down) {
        throw new RegistryUnavailableException("registry down", -1, -1, null);
      }
    }

    @Override public int register(String s, Schema schema) { maybeDown(); register++; return inner.register(s, schema); }
    @Override public RegisteredSchema lookup(String s, Schema schema) { maybeDown(); lookup++; return inner.lookup(s, schema); }
    @Override public Schema getById(int id) { maybeDown(); getById++; return inner.getById(id); }
    @Override public List<String> subjects() { maybeDown(); return inner.subjects(); }
    @Override public List<Integer> versions(String s) { return inner.versions(s); }
    @Override public RegisteredSchema getVersion(String s, int v) { return inner.getVersion(s, v); }
    @Override public RegisteredSchema getLatest(String s) { return inner.getLatest(s); }
    @Override public CompatibilityResult testCompatibility(String s, Schema schema) { return inner.testCompatibility(s, schema); }
    @Override public Optional<CompatibilityLevel> getCompatibility(String s) { return inner.getCompatibility(s); }
    @Override public void setCompatibility(String s, CompatibilityLevel l) { inner.setCompatibility(s, l); }
    @Override public CompatibilityLevel getGlobalCompatibility() { return inner.getGlobalCompatibility(); }
    @Override public void setGlobalCompatibility(CompatibilityLevel l) { inner.setGlobalCompatibility(l); }
    @Override public List<Integer> deleteSubject(String s) { return inner.deleteSubject(s); }
    @Override public void verifyReachable() { maybeDown(); }
    @Override public String endpoint() { return inner.endpoint(); }
  }

  private final CountingRegistry delegate = new CountingRegistry();
  private final AtomicLong now = new AtomicLong(1_000);
  private final CachingSchemaRegistryClient cache =
      new CachingSchemaRegistryClient(delegate, Duration.ofNanos(500), now::get);

  @Test
  void schemasAndIdsAreFetchedOnce() {
    int id = cache.register("s", SCHEMA);
    assertEquals(id, cache.register("s", SCHEMA));
    assertEquals(SCHEMA, cache.getById(id));
    assertEquals(id, cache.lookup("s", SCHEMA).id());
    assertEquals(id, cache.lookup("s", SCHEMA).id());

    assertEquals(1, delegate.register);
    assertEquals(0, delegate.getById, "registering taught the cache the id");
    assertEquals(1, delegate.lookup);
  }

  @Test
  void cachedSchemasKeepWorkingWhileTheRegistryIsDown() {
    int id = delegate.inner.register("s", SCHEMA);
    assertEquals(SCHEMA, cache.getById(id));

    delegate.down = true;

    assertEquals(SCHEMA, cache.getById(id));
    assertThrows(RegistryUnavailableException.class, () -> cache.getById(id + 1));
    delegate.down = false;
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(id + 1), "outages are not cached as missing");
  }

  @Test
  void anUnknownIdIsRememberedForTheTtlOnly() {
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(42));
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(42));
    assertEquals(1, delegate.getById, "second miss answered from the cache");

    int id = delegate.inner.register("s", SCHEMA);
    assertEquals(1, id);
    now.addAndGet(499);
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(42));
    assertEquals(1, delegate.getById);
    now.addAndGet(1);
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(42));
    assertEquals(2, delegate.getById, "expired: asked again");
  }

  @Test
  void anIdRegisteredAfterAMissBecomesVisibleAfterTheTtl() {
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(1));
    delegate.inner.register("s", SCHEMA);
    assertThrows(SchemaNotFoundException.class, () -> cache.getById(1));

    now.addAndGet(500);

    assertEquals(SCHEMA, cache.getById(1));
  }

  @Test
  void deletingASubjectForgetsItsRegistrations() {
    cache.register("s", SCHEMA);
    cache.deleteSubject("s");
    cache.register("s", SCHEMA);

    assertEquals(2, delegate.register);
    assertTrue(delegate.inner.subjects().contains("s"));
  }
}
