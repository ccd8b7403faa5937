package io.streamnet.connect.registry;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Creates the right client for a configuration: in-memory for {@code mock://scope}, REST with caches otherwise. */
public final class SchemaRegistries {

  private SchemaRegistries() {}

  /**
   * A client for {@code config}. For {@code mock://scope} the scope's shared in-memory registry (from the
   * {@link MockRegistryProvider} on the class path); otherwise a {@link RestSchemaRegistryClient} behind a
   * {@link CachingSchemaRegistryClient}. Makes no network call: use {@link SchemaRegistryClient#verifyReachable()}
   * to fail fast at start-up.
   */
  public static SchemaRegistryClient connect(RegistryConfig config) {
    if (config.isMock()) {
      return mockProvider().forScope(config.mockScope());
    }
    return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config), config.missingIdTtl());
  }

  private static MockRegistryProvider mockProvider() {
    Iterator<MockRegistryProvider> found =
        ServiceLoader.load(MockRegistryProvider.class, SchemaRegistries.class.getClassLoader()).iterator();
    if (!found.hasNext()) {
      throw new IllegalArgumentException("a mock:// schema registry is in-memory, for the demo and tests only, and"
          + " this class path has none (module connectors-local); give schema.registry.url an http(s):// registry");
    }
    return found.next();
  }
}
