package io.streamnet.connect.serde;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegistryOutageScenarios} on the in-process broker and a registry server process of its own. */
@ExtendWith(LocalEnvironmentExtension.class)
class RegistryOutageIT extends RegistryOutageScenarios {
}
