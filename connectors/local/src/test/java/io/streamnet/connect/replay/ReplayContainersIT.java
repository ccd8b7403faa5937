package io.streamnet.connect.replay;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link ReplayScenarios} on Kafka and registry containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class ReplayContainersIT extends ReplayScenarios {
}
