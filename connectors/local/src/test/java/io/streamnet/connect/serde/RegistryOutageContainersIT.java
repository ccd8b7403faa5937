package io.streamnet.connect.serde;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link RegistryOutageScenarios} on Kafka and registry containers of its own; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class RegistryOutageContainersIT extends RegistryOutageScenarios {
}
