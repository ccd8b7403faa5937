package io.streamnet.edge.model;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds the {@link ModelStore} for the topology: in memory, never logged (the snapshots topic is its log). */
public final class ModelStoreBuilder implements StoreBuilder<ModelStore> {
  private final Supplier<ModelStore> store;

  public ModelStoreBuilder(Supplier<ModelStore> store) {
    this.store = store;
  }

  @Override
  public StoreBuilder<ModelStore> withCachingEnabled() {
    throw new UnsupportedOperationException("the model store has no cache");
  }

  @Override
  public StoreBuilder<ModelStore> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<ModelStore> withLoggingEnabled(Map<String, String> config) {
    throw new UnsupportedOperationException("the model store is never logged: the snapshots topic is its log");
  }

  @Override
  public StoreBuilder<ModelStore> withLoggingDisabled() {
    return this;
  }

  @Override
  public ModelStore build() {
    return store.get();
  }

  @Override
  public Map<String, String> logConfig() {
    return Map.of();
  }

  @Override
  public boolean loggingEnabled() {
    return false;
  }

  @Override
  public String name() {
    return ModelStore.NAME;
  }
}
