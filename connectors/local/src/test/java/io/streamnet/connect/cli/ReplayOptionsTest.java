package io.streamnet.connect.cli;

import io.streamnet.nn.cli.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.Dataset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    private static ReplayOptions parse(String... args) throws UsageException {
        return ReplayOptions.parse(args);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> ReplayOptions.parse(args)).getMessage();
    }

    @Test
    void defaults() throws UsageException {
        ReplayOptions o = parse("--dataset", "sst2");
        assertEquals(Dataset.SST2, o.dataset());
        assertNull(o.topic());
        assertNull(o.requestsTopic());
        assertEquals(0, o.requestFraction());
        assertEquals("localhost:9092", o.bootstrap());
        assertEquals("http://localhost:8081/apis/ccompat/v7", o.registry());
        assertEquals(0, o.rate());
        assertEquals(0, o.limit());
        assertEquals(42, o.seed());
        assertNull(o.path());
        assertFalse(o.createTopics());
        assertEquals(1, o.partitions());
        assertEquals(1, o.replicationFactor());
        assertEquals(10, o.k());
        assertFalse(o.embedded());
        assertEquals(Map.of(), o.producerProperties());
    }

    @Test
    void everyOption() throws UsageException {
        ReplayOptions o = parse("--dataset", "MovieLens", "--topic", "a.b", "--requests-topic", "a.c",
                "--request-fraction", "0.25", "--bootstrap", "h:1", "--registry", "mock://x", "--rate", "1500.5",
                "--limit", "1000", "--seed", "-3", "--path", ".", "--create-topics", "--partitions", "4",
                "--replication-factor", "3", "--k", "20", "--quiet", "--producer-property", "linger.ms=50",
                "--producer-property", "basic.auth.user.info=u:p=w");
        assertEquals(Dataset.MOVIELENS, o.dataset());
        assertEquals("a.b", o.topic());
        assertEquals("a.c", o.requestsTopic());
        assertEquals(0.25, o.requestFraction());
        assertEquals("h:1", o.bootstrap());
        assertEquals("mock://x", o.registry());
        assertEquals(1500.5, o.rate());
        assertEquals(1000, o.limit());
        assertEquals(-3, o.seed());
        assertTrue(o.createTopics());
        assertEquals(4, o.partitions());
        assertEquals(3, o.replicationFactor());
        assertEquals(20, o.k());
        assertTrue(o.quiet());
        assertEquals(Map.of("linger.ms", "50", "basic.auth.user.info", "u:p=w"), o.producerProperties());
    }

    @Test
    void embeddedUsesAnInMemoryRegistryAndCreatesTopics() throws UsageException {
        ReplayOptions o = parse("--dataset", "uci", "--embedded");
        assertTrue(o.embedded());
        assertTrue(o.createTopics());
        assertEquals("mock://streamnet-replay", o.registry());
        assertTrue(error("--dataset", "uci", "--embedded", "--bootstrap", "h:1").contains("--bootstrap"));
    }

    @Test
    void helpReturnsNull() throws UsageException {
        assertNull(parse("--help"));
        assertNull(parse("--dataset", "uci", "-h"));
    }

    @Test
    void usageErrorsNameTheBadOption() {
        assertEquals("--dataset is required", error("--rate", "10"));
        assertTrue(error("--dataset", "mnist").startsWith("--dataset: unknown dataset 'mnist'"));
        assertEquals("--rate must be a number, got 'fast'", error("--dataset", "uci", "--rate", "fast"));
        assertTrue(error("--dataset", "uci", "--rate", "-1").startsWith("--rate must be between 0 and"));
        assertTrue(error("--dataset", "uci", "--request-fraction", "1.5").startsWith("--request-fraction must be"));
        assertTrue(error("--dataset", "uci", "--request-fraction", "NaN").startsWith("--request-fraction must be"));
        assertEquals("--limit must be between 1 and 2147483647, got 0", error("--dataset", "uci", "--limit", "0"));
        assertEquals("--seed must be an integer, got '4.2'", error("--dataset", "uci", "--seed", "4.2"));
        assertEquals("--topic needs a value", error("--dataset", "uci", "--topic"));
        assertEquals("--topic needs a value", error("--dataset", "uci", "--topic", "--rate", "3"));
        assertTrue(error("--dataset", "uci", "--topic", "bad topic").startsWith("--topic 'bad topic' is not a valid"));
        assertTrue(error("--dataset", "uci", "--path", "/no/such/dir").startsWith("--path /no/such/dir"));
        assertEquals("--producer-property needs KEY=VALUE, got 'linger.ms'",
                error("--dataset", "uci", "--producer-property", "linger.ms"));
        assertTrue(error("--dataset", "uci", "--topic", "x", "--requests-topic", "x").contains("must differ"));
        assertEquals("unknown option '--speed'", error("--dataset", "uci", "--speed", "3"));
        assertTrue(error("--dataset", "uci", "--partitions", "0").startsWith("--partitions must be between 1"));
        assertTrue(error("--dataset", "uci", "--k", "0").startsWith("--k must be between 1"));
    }
}
