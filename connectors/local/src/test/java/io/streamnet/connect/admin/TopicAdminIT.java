package io.streamnet.connect.admin;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TopicAdminScenarios} on the in-process broker. */
@ExtendWith(LocalEnvironmentExtension.class)
class TopicAdminIT extends TopicAdminScenarios {
}
