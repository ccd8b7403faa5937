package io.streamnet.connect.testing;

import io.streamnet.connect.registry.CompatibilityLevel;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;

/**
 * Makes a fresh Apicurio registry behave like a fresh Confluent one where it matters to StreamNet: Apicurio starts
 * with no compatibility rule (NONE), Confluent with BACKWARD. Every test environment applies this after start-up, as
 * {@code ops/registry.sh} does.
 */
final class RegistryDefaults {

    private RegistryDefaults() {
    }

    static void apply(String registryUrl) {
        SchemaRegistries.connect(RegistryConfig.of(registryUrl)).setGlobalCompatibility(CompatibilityLevel.BACKWARD);
    }
}
