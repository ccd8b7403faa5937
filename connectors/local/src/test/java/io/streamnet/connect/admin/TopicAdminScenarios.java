package io.streamnet.connect.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** {@link TopicAdmin} against a real broker; run by {@link TopicAdminIT} and {@link TopicAdminContainersIT}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TopicAdminScenarios {

    private KafkaRegistryEnvironment env;
    private TopicAdmin topics;

    @BeforeAll
    void connect(KafkaRegistryEnvironment environment) {
        env = environment;
        topics = TopicAdmin.connect(env.bootstrapServers());
    }

    @AfterAll
    void disconnect() {
        topics.close();
    }

    /** StreamNet's specs under names of this test's own, so that tests sharing a broker do not meet. */
    private static List<TopicSpec> prefixed(String prefix, int partitions) {
        return StreamNetTopics.specs(partitions, (short) 1).stream()
                .map(s -> new TopicSpec(prefix + s.name(), s.partitions(), s.replicationFactor(), s.configs()))
                .toList();
    }

    private static String prefix(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName() + ".";
    }

    @Test
    void createsEveryTopicOnceWithItsConfigs(TestInfo test) {
        String p = prefix(test);
        TopicAdmin.EnsureReport first = topics.ensure(prefixed(p, 3));
        assertEquals(StreamNetTopics.ALL.stream().map(n -> p + n).toList(), first.created());
        assertEquals(List.of(), first.existing());

        TopicAdmin.EnsureReport second = topics.ensure(prefixed(p, 3));
        assertEquals(List.of(), second.created(), "a second run creates nothing");
        assertEquals(StreamNetTopics.ALL.size(), second.existing().size());
        assertEquals(List.of(), second.reconfigured(), "a second run changes nothing");
        assertEquals(List.of(), second.warnings());

        for (String name : StreamNetTopics.ALL) {
            assertEquals(3, topics.describe(p + name).partitions().size(), name + " partitions");
        }
        Map<String, String> snapshots = topics.configsOf(p + StreamNetTopics.MODEL_SNAPSHOTS);
        assertEquals("compact", snapshots.get("cleanup.policy"));
        assertEquals(Integer.toString(StreamNetTopics.SNAPSHOT_MAX_MESSAGE_BYTES), snapshots.get("max.message.bytes"));
        Map<String, String> dlq = topics.configsOf(p + StreamNetTopics.DLQ);
        assertEquals("delete", dlq.get("cleanup.policy"));
        assertEquals(Long.toString(StreamNetTopics.DLQ_RETENTION_MS), dlq.get("retention.ms"));
        assertEquals("delete", topics.configsOf(p + StreamNetTopics.SENTIMENT_LABELED).get("cleanup.policy"));
    }

    @Test
    void restoresRequiredConfigsThatDrifted(TestInfo test) throws Exception {
        String p = prefix(test);
        topics.ensure(prefixed(p, 1));
        String snapshots = p + StreamNetTopics.MODEL_SNAPSHOTS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, snapshots),
                    List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        // The controller has the change; wait until the broker serves it, so that ensure() sees the drift.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"delete".equals(topics.configsOf(snapshots).get("cleanup.policy"))) {
            assertTrue(System.nanoTime() < deadline, "the broker never reported the altered cleanup.policy");
            Thread.onSpinWait();
        }

        TopicAdmin.EnsureReport report = topics.ensure(prefixed(p, 1));
        assertEquals(List.of(snapshots), report.reconfigured());
        assertEquals("compact", topics.configsOf(snapshots).get("cleanup.policy"));
    }

    @Test
    void reportsButKeepsAPartitionCountThatDiffers(TestInfo test) {
        String name = prefix(test) + "events";
        topics.ensure(List.of(new TopicSpec(name, 2, (short) 1, Map.of())));
        TopicAdmin.EnsureReport report = topics.ensure(List.of(new TopicSpec(name, 4, (short) 1, Map.of())));
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).contains("2 partitions") && report.warnings().get(0).contains("4"),
                report.warnings().get(0));
        assertEquals(2, topics.describe(name).partitions().size());
    }

    @Test
    void ensuresTheRealStreamNetTopicNames() {
        TopicAdmin.EnsureReport report = topics.ensureStreamNetTopics(1, (short) 1);
        Set<String> seen = new HashSet<>(report.created());
        seen.addAll(report.existing());
        assertEquals(Set.copyOf(StreamNetTopics.ALL), seen);
        assertEquals("compact", topics.configsOf(StreamNetTopics.MODEL_SNAPSHOTS).get("cleanup.policy"));
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsAClearError(TestInfo test) {
        String name = prefix(test) + "replicated";
        TopicAdmin.TopicAdminException e = assertThrows(TopicAdmin.TopicAdminException.class,
                () -> topics.ensure(List.of(new TopicSpec(name, 1, (short) 3, Map.of()))));
        assertTrue(e.getMessage().contains("create topic " + name), e.getMessage());
    }
}
