package io.streamnet.connect.serde;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SerdeRoundTripScenarios} on the in-process broker and the registry server process. */
@ExtendWith(LocalEnvironmentExtension.class)
class SerdeRoundTripIT extends SerdeRoundTripScenarios {
}
