package io.streamnet.connect.registry;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegistryCompatibilityScenarios} on the registry server process. */
@ExtendWith(LocalEnvironmentExtension.class)
class RegistryCompatibilityIT extends RegistryCompatibilityScenarios {
}
