/**
 * Schema-registry client for the Confluent REST API: {@link io.streamnet.connect.registry.SchemaRegistryClient}
 * with a REST implementation (retries with jittered exponential back-off, basic/bearer auth, TLS, Confluent error
 * codes as typed exceptions), an in-memory implementation for {@code mock://scope} URLs, and id/schema caches.
 * Start at {@link io.streamnet.connect.registry.SchemaRegistries#connect}.
 */
package io.streamnet.connect.registry;
