package io.streamnet.connect.kafka;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link DeadLetterRouterScenarios} on the in-process broker and the registry server process. */
@ExtendWith(LocalEnvironmentExtension.class)
class DeadLetterRouterIT extends DeadLetterRouterScenarios {
}
