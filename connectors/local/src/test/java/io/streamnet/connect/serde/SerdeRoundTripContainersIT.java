package io.streamnet.connect.serde;

import io.streamnet.connect.testing.ContainerEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link SerdeRoundTripScenarios} on Kafka and registry containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerEnvironmentExtension.class)
class SerdeRoundTripContainersIT extends SerdeRoundTripScenarios {
}
