package io.streamnet.connect.kafka;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link DeadLetterRouterScenarios} on Kafka and registry containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class DeadLetterRouterContainersIT extends DeadLetterRouterScenarios {
}
