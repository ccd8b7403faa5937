package io.streamnet.connect.local;

import io.streamnet.connect.registry.MockRegistryProvider;
import io.streamnet.connect.registry.SchemaRegistryClient;

/** Serves {@code mock://scope} registry URLs with {@link InMemorySchemaRegistry#forScope}. */
public final class InMemoryRegistryProvider implements MockRegistryProvider {

  @Override
  public SchemaRegistryClient forScope(String scope) {
    return InMemorySchemaRegistry.forScope(scope);
  }
}
