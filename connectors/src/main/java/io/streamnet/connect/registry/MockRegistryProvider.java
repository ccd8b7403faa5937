package io.streamnet.connect.registry;

/**
 * Serves Confluent's {@code mock://scope} registry URLs. The in-memory registry is for the demo and tests only, so it
 * lives in the module {@code connectors-local}, which registers its provider with {@link java.util.ServiceLoader};
 * a job jar without that module refuses {@code mock://} URLs with an error that says so.
 */
public interface MockRegistryProvider {

  /** The registry shared by every caller in this JVM that names {@code scope}. */
  SchemaRegistryClient forScope(String scope);
}
