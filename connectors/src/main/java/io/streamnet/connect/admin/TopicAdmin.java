package io.streamnet.connect.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates StreamNet's topics idempotently: missing topics are created with their specs, existing topics get the
 * required configs set where they differ. Partition counts and replication factors of existing topics are
 * reported, never changed (more partitions would move keys to other partitions).
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Admin admin;
    private final boolean ownsAdmin;

    /** Uses {@code admin} and leaves it open on {@link #close()}. */
    public TopicAdmin(Admin admin) {
        this(admin, false);
    }

    private TopicAdmin(Admin admin, boolean ownsAdmin) {
        this.admin = admin;
        this.ownsAdmin = ownsAdmin;
    }

    /** Connects a new admin client to {@code bootstrapServers} (plus any extra client settings). */
    public static TopicAdmin connect(String bootstrapServers, Map<String, Object> clientConfig) {
        Map<String, Object> conf = new HashMap<>(clientConfig);
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new TopicAdmin(Admin.create(conf), true);
    }

    public static TopicAdmin connect(String bootstrapServers) {
        return connect(bootstrapServers, Map.of());
    }

    /** Ensures all StreamNet topics exist (see {@link StreamNetTopics#specs}). */
    public EnsureReport ensureStreamNetTopics(int partitions, short replicationFactor) {
        return ensure(StreamNetTopics.specs(partitions, replicationFactor));
    }

    /** Ensures every topic of {@code specs} exists with its required configs. */
    public EnsureReport ensure(Collection<TopicSpec> specs) {
        Set<String> present = await(admin.listTopics().names(), "list topics");
        List<String> created = new ArrayList<>();
        List<TopicSpec> existing = new ArrayList<>();
        List<TopicSpec> missing = specs.stream().filter(s -> !present.contains(s.name())).toList();
        specs.stream().filter(s -> present.contains(s.name())).forEach(existing::add);

        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream().map(TopicAdmin::newTopic)
                    .toList()).values();
            for (TopicSpec spec : missing) {
                try {
                    await(results.get(spec.name()), "create topic " + spec.name());
                    created.add(spec.name());
                } catch (TopicAdminException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.add(spec); // created concurrently by someone else: check it like any existing topic
                }
            }
        }

        // The controller has committed the new topics; wait until the broker serves them, so callers can use them.
        awaitVisible(specs.stream().map(TopicSpec::name).toList());
        List<String> reconfigured = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!existing.isEmpty()) {
            reconcile(existing, reconfigured, warnings);
        }
        EnsureReport report = new EnsureReport(created, existing.stream().map(TopicSpec::name).toList(),
                reconfigured, warnings);
        LOG.info("Topics ensured: {} created {}, {} existing, {} reconfigured {}, {} warnings", created.size(),
                created, report.existing().size(), reconfigured.size(), reconfigured, warnings.size());
        warnings.forEach(w -> LOG.warn("Topic check: {}", w));
        return report;
    }

    private void reconcile(List<TopicSpec> existing, List<String> reconfigured, List<String> warnings) {
        List<String> names = existing.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(),
                "describe topics " + names);
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all(), "describe configs " + names);

        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (TopicSpec spec : existing) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                warnings.add(spec.name() + " has " + partitions + " partitions, spec asks for " + spec.partitions()
                        + " (left unchanged)");
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas != spec.replicationFactor()) {
                warnings.add(spec.name() + " has replication factor " + replicas + ", spec asks for "
                        + spec.replicationFactor() + " (left unchanged)");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config actual = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            spec.configs().forEach((key, wanted) -> {
                ConfigEntry entry = actual.get(key);
                if (entry == null || !wanted.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            await(admin.incrementalAlterConfigs(changes).all(), "alter configs of " + changes.keySet());
            changes.keySet().forEach(r -> reconfigured.add(r.name()));
            awaitConfigs(existing.stream().filter(s -> reconfigured.contains(s.name())).toList());
        }
    }

    /** Polls until every topic of {@code names} is described with a leader for each partition. */
    private void awaitVisible(List<String> names) {
        pollUntil("topics " + names + " to be served by the brokers", () -> {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
        });
    }

    /** Polls until the brokers report the configs of {@code specs}. */
    private void awaitConfigs(List<TopicSpec> specs) {
        pollUntil("new configs of " + specs.stream().map(TopicSpec::name).toList() + " to take effect", () -> {
            for (TopicSpec spec : specs) {
                Map<String, String> actual = configsOf(spec.name());
                for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
                    if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private static void pollUntil(String what, Check check) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicAdminException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e; // e.g. UnknownTopicOrPartition until the broker has caught up with the controller
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicAdminException("Interrupted while waiting for " + what, e);
            }
        }
        throw new TopicAdminException("Timed out after " + CALL_TIMEOUT + " waiting for " + what, last);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** The current value of each topic-level config of {@code topic} (defaults included). */
    public Map<String, String> configsOf(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all(), "describe configs of " + topic)
                .get(resource);
        Map<String, String> values = new HashMap<>();
        config.entries().forEach(e -> values.put(e.name(), e.value()));
        return values;
    }

    /** Partition count and replication factor of {@code topic}. */
    public TopicDescription describe(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic).get(topic);
    }

    private static NewTopic newTopic(TopicSpec spec) {
        return new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs());
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException("Interrupted during " + what, e);
        } catch (ExecutionException e) {
            throw new TopicAdminException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicAdminException("Timed out after " + CALL_TIMEOUT + " trying to " + what, e);
        }
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(10));
        }
    }

    /** What {@link #ensure} did: topics created, found existing, and reconfigured, and mismatches left alone. */
    public record EnsureReport(List<String> created, List<String> existing, List<String> reconfigured,
            List<String> warnings) {
        public EnsureReport {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            reconfigured = List.copyOf(reconfigured);
            warnings = List.copyOf(warnings);
        }
    }

    /** A topic administration call failed; the message names the call and the topics. */
    public static final class TopicAdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
