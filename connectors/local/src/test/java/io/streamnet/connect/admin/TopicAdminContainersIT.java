package io.streamnet.connect.admin;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link TopicAdminScenarios} on Kafka and registry containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class TopicAdminContainersIT extends TopicAdminScenarios {
}
