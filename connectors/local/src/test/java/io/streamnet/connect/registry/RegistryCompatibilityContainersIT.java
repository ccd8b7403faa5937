package io.streamnet.connect.registry;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link RegistryCompatibilityScenarios} on a registry container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class RegistryCompatibilityContainersIT extends RegistryCompatibilityScenarios {
}
