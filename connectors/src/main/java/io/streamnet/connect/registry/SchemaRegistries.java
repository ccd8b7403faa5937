package io.streamnet.connect.registry;

/** Creates the right client for a configuration: in-memory for {@code mock://scope}, REST with caches otherwise. */
public final class SchemaRegistries {

  private SchemaRegistries() {}

  /**
   * A client for {@code config}. For {@code mock://scope} the scope's shared {@link InMemorySchemaRegistry}; otherwise
   * a {@link RestSchemaRegistryClient} behind a {@link CachingSchemaRegistryClient}. Makes no network call: use
   * {@link SchemaRegistryClient#verifyReachable()} to fail fast at start-up.
   */
  public static SchemaRegistryClient connect(RegistryConfig config) {
    if (config.isMock()) {
      return InMemorySchemaRegistry.forScope(config.mockScope());
    }
    return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config), config.missingIdTtl());
  }
}
