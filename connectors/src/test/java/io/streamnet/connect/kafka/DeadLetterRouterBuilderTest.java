package io.streamnet.connect.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.InMemorySchemaRegistry;
import io.streamnet.schema.ReviewEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadLetterRouterBuilderTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("router-builder");

    private DeadLetterRouter.Builder<ReviewEvent> complete() {
        return DeadLetterRouter.builder(ReviewEvent.class).bootstrapServers("127.0.0.1:1").registry(registry)
                .sourceTopic("in").targetTopic("out").deadLetterTopic("dlq");
    }

    private static void assertRefused(DeadLetterRouter.Builder<ReviewEvent> builder, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::start);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void everyRequiredSettingIsNamedWhenMissing() {
        assertRefused(complete().bootstrapServers(null), "bootstrapServers");
        assertRefused(complete().registry(null), "registry");
        assertRefused(complete().sourceTopic(" "), "sourceTopic");
        assertRefused(complete().targetTopic(null), "targetTopic");
        assertRefused(complete().deadLetterTopic(""), "deadLetterTopic");
    }

    @Test
    void theSourceCannotAlsoBeAnOutput() {
        assertRefused(complete().targetTopic("in"), "source topic in must differ");
        assertRefused(complete().deadLetterTopic("in"), "source topic in must differ");
    }

    @Test
    void aNegativeOutageLimitIsRefused() {
        assertRefused(complete().registryOutageLimit(Duration.ofSeconds(-1)), "registryOutageLimit");
    }
}
