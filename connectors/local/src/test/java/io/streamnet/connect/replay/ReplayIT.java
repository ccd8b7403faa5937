package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.LocalEnvironmentExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ReplayScenarios} on the in-process broker and the registry server process; plus {@code --embedded}. */
@ExtendWith(LocalEnvironmentExtension.class)
class ReplayIT extends ReplayScenarios {

    @Test
    void embeddedStartsItsOwnBrokerAndInMemoryRegistry() {
        Run run = Run.of("--embedded", "--dataset", "movielens", "--path",
                repoRoot().resolve("datasets/ml-latest-small").toString(), "--limit", "2000",
                "--request-fraction", "0.5", "--quiet");
        assertEquals(0, run.status, run.err);
        assertEquals("2000", run.summary.get("produced"));
        assertEquals("reco.interactions", run.summary.get("topic"));
        assertEquals("reco.requests", run.summary.get("requests_topic"));
        int requests = Integer.parseInt(run.summary.get("requests"));
        assertTrue(requests > 900 && requests < 1100, "half held back: " + requests);
        assertTrue(run.err.contains("registry mock://streamnet-replay"), run.err);
    }
}
