package io.streamnet.connect.kafka;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.SpecificRecordEncoder;
import io.streamnet.connect.serde.SubjectNaming;
import io.streamnet.connect.validate.DeadLetterCounters;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads raw records from a source topic, decodes and validates each one as contract {@code T}, forwards the valid
 * ones unchanged (key, value, headers, timestamp) to a target topic, and writes a {@link DeadLetter} with the reason
 * code and the original bytes to the dead-letter topic for every other one. Order is kept per partition: a bad record
 * never holds up or reorders the valid records after it.
 *
 * <p>When the registry cannot be reached for a writer schema not yet cached, the router does not dead-letter the
 * record at once: it holds the partition at that record and retries with exponential back-off (records whose schemas
 * are cached have already flowed), and only after {@code registryOutageLimit} writes it to the dead-letter topic with
 * reason REGISTRY_UNAVAILABLE.
 *
 * <p>Delivery is at-least-once: source offsets are committed only after the forwarded records and dead letters are
 * acknowledged by the broker; a crash in between replays the uncommitted records.
 *
 * @param <T> the contract read from the source topic
 */
public final class DeadLetterRouter<T extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings<T> settings;
    private final EventDecoder<T> decoder;
    private final SpecificRecordEncoder deadLetterEncoder;
    private final DeadLetterCounters counters = new DeadLetterCounters();
    private final LongAdder registryRetries = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    private DeadLetterRouter(Settings<T> settings) {
        this.settings = settings;
        this.decoder = EventDecoder.of(settings.registry, settings.type);
        this.deadLetterEncoder = new SpecificRecordEncoder(settings.registry, SubjectNaming.TOPIC, false, true);
        this.consumer = new KafkaConsumer<>(consumerConfig(settings), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerConfig(settings), new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "dead-letter-router-" + settings.sourceTopic);
    }

    /** A router of records of contract {@code type}. */
    public static <T extends SpecificRecord> Builder<T> builder(Class<T> type) {
        return new Builder<>(type);
    }

    /**
     * Checks the registry (a clear error naming its URL when it cannot be reached), registers the DeadLetter schema
     * for the dead-letter topic so that dead letters can be written even while the registry is away later, and
     * starts routing on a thread of its own.
     */
    private DeadLetterRouter<T> start() {
        settings.registry.verifyReachable();
        deadLetterEncoder.schemaId(settings.deadLetterTopic, DeadLetter.getClassSchema());
        consumer.subscribe(List.of(settings.sourceTopic), new CommitOnRevoke());
        thread.start();
        LOG.info("Routing {} as {}: valid records to {}, dead letters to {} (registry {})", settings.sourceTopic,
                settings.type.getSimpleName(), settings.targetTopic, settings.deadLetterTopic,
                settings.registry.endpoint());
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL_TIMEOUT);
                if (!batch.isEmpty()) {
                    routeBatch(batch);
                    commitPending();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            LOG.error("Routing of {} stopped: {}", settings.sourceTopic, e.toString(), e);
        } finally {
            running = false;
            try {
                producer.close(CLOSE_TIMEOUT);
            } finally {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
                stopped.countDown();
            }
        }
    }

    private void routeBatch(ConsumerRecords<byte[], byte[]> batch) {
        for (TopicPartition partition : batch.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                if (!running) {
                    return;
                }
                DecodeOutcome<T> outcome = decodeWaitingForRegistry(record);
                if (outcome == null) {
                    break; // stopped, or the partition went to another consumer while we waited
                }
                if (outcome.isValid()) {
                    producer.send(new ProducerRecord<>(settings.targetTopic, null, record.timestamp(), record.key(),
                            record.value(), record.headers()), sendCallback);
                    counters.recordAccepted();
                } else {
                    DeadLetter letter = outcome.deadLetter();
                    producer.send(new ProducerRecord<>(settings.deadLetterTopic, null, null, record.key(),
                            deadLetterEncoder.encode(settings.deadLetterTopic, letter)), sendCallback);
                    counters.recordRejected(letter.getReason());
                }
                pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
    }

    /**
     * Decodes {@code record}; while the registry is unavailable, holds this consumer's partitions and retries with
     * back-off up to the outage limit. Null when the router stops or loses the partition in the meantime.
     */
    private DecodeOutcome<T> decodeWaitingForRegistry(ConsumerRecord<byte[], byte[]> record) {
        RawRecord raw = RawRecord.from(record);
        DecodeOutcome<T> outcome = decoder.decode(raw);
        if (!registryUnavailable(outcome)) {
            return outcome;
        }
        long startedAt = System.nanoTime();
        long deadline = startedAt + settings.registryOutageLimit.toNanos();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        LOG.warn("Registry {} unavailable for the writer schema of {}; holding the partition and retrying with back-off "
                + "for up to {}", settings.registry.endpoint(), raw.position(), settings.registryOutageLimit);
        Duration backoff = FIRST_BACKOFF;
        int retries = 0;
        while (registryUnavailable(outcome) && System.nanoTime() < deadline) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            waitHoldingPartitions(backoff.compareTo(remaining) < 0 ? backoff : remaining);
            if (!running || !consumer.assignment().contains(partition)) {
                return null;
            }
            registryRetries.increment();
            retries++;
            outcome = decoder.decode(raw);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        if (registryUnavailable(outcome)) {
            LOG.error("Registry {} still unavailable after {} ms ({} retries); dead-lettering {}",
                    settings.registry.endpoint(), waitedMs, retries, raw.position());
        } else {
            LOG.info("Registry {} answered again after {} ms ({} retries); resuming {}", settings.registry.endpoint(),
                    waitedMs, retries, raw.position());
        }
        return outcome;
    }

    private static boolean registryUnavailable(DecodeOutcome<?> outcome) {
        return !outcome.isValid() && outcome.deadLetter().getReason() == DeadLetterReason.REGISTRY_UNAVAILABLE;
    }

    /**
     * Waits {@code backoff} inside {@code poll} with every partition paused, so that the consumer stays in its group.
     * Should a rebalance hand over new partitions during the poll and records arrive, they are rewound, not lost.
     */
    private void waitHoldingPartitions(Duration backoff) {
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            ConsumerRecords<byte[], byte[]> early = consumer.poll(backoff);
            for (TopicPartition p : early.partitions()) {
                consumer.seek(p, early.records(p).get(0).offset());
            }
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private final Callback sendCallback = (metadata, exception) -> {
        if (exception != null) {
            sendFailure.compareAndSet(null, exception);
        }
    };

    /** Waits for every forwarded record and dead letter to be acknowledged, then commits their source offsets. */
    private void commitPending() {
        if (pending.isEmpty()) {
            return;
        }
        producer.flush();
        Exception sendError = sendFailure.get();
        if (sendError != null) {
            throw new KafkaException("A forwarded record or dead letter of " + settings.sourceTopic
                    + " was not written; source offsets stay uncommitted: " + sendError.getMessage(), sendError);
        }
        consumer.commitSync(pending);
        pending.clear();
    }

    /** Commits what was routed from partitions before they move to another consumer. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitPending();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(pending::remove); // no longer ours to commit: the new owner replays them
        }
    }

    /** Forwarded records (accepted) and dead letters per reason, since start. */
    public DeadLetterCounters counters() {
        return counters;
    }

    /** How many times a decode was retried because the registry was unavailable. */
    public long registryRetries() {
        return registryRetries.sum();
    }

    /** Whether the routing thread runs. */
    public boolean isRunning() {
        return running && stopped.getCount() > 0;
    }

    /** Why routing stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Stops routing, commits what was written, and closes the clients. Idempotent. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(CLOSE_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                LOG.warn("Router of {} did not stop within {}", settings.sourceTopic, CLOSE_TIMEOUT.multipliedBy(3));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Router of {} stopped: {}", settings.sourceTopic, counters);
    }

    private static Map<String, Object> consumerConfig(Settings<?> s) {
        Map<String, Object> conf = new HashMap<>(s.clientConfig);
        conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers);
        conf.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId);
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        conf.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-router-" + s.sourceTopic);
        return conf;
    }

    private static Map<String, Object> producerConfig(Settings<?> s) {
        Map<String, Object> conf = new HashMap<>(s.clientConfig);
        conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers);
        // Idempotence keeps each partition's order across retries.
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        conf.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-router-" + s.sourceTopic);
        return conf;
    }

    private record Settings<T extends SpecificRecord>(Class<T> type, String bootstrapServers,
            SchemaRegistryClient registry, String sourceTopic, String targetTopic, String deadLetterTopic,
            String groupId, Duration registryOutageLimit, Map<String, Object> clientConfig) {
    }

    /** Settings of a {@link DeadLetterRouter}; {@link #start()} validates them and starts routing. */
    public static final class Builder<T extends SpecificRecord> {
        private final Class<T> type;
        private String bootstrapServers;
        private SchemaRegistryClient registry;
        private String sourceTopic;
        private String targetTopic;
        private String deadLetterTopic = StreamNetTopics.DLQ;
        private String groupId;
        private Duration registryOutageLimit = Duration.ofMinutes(5);
        private Map<String, Object> clientConfig = Map.of();

        private Builder(Class<T> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder<T> bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** The registry the writer schemas come from and where the DeadLetter schema is registered. */
        public Builder<T> registry(SchemaRegistryClient client) {
            this.registry = client;
            return this;
        }

        public Builder<T> sourceTopic(String topic) {
            this.sourceTopic = topic;
            return this;
        }

        /** Where valid records go, unchanged. */
        public Builder<T> targetTopic(String topic) {
            this.targetTopic = topic;
            return this;
        }

        /** Where dead letters go; default {@value StreamNetTopics#DLQ}. */
        public Builder<T> deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** Consumer group; default {@code streamnet-router-<source topic>}. */
        public Builder<T> groupId(String group) {
            this.groupId = group;
            return this;
        }

        /** How long to hold a record whose writer schema cannot be fetched before dead-lettering it; default 5 min. */
        public Builder<T> registryOutageLimit(Duration limit) {
            this.registryOutageLimit = limit;
            return this;
        }

        /** Extra Kafka client settings (security, timeouts) for both the consumer and the producer. */
        public Builder<T> clientConfig(Map<String, Object> config) {
            this.clientConfig = Map.copyOf(config);
            return this;
        }

        public DeadLetterRouter<T> start() {
            require(bootstrapServers, "bootstrapServers");
            require(registry, "registry");
            require(sourceTopic, "sourceTopic");
            require(targetTopic, "targetTopic");
            require(deadLetterTopic, "deadLetterTopic");
            if (registryOutageLimit == null || registryOutageLimit.isNegative()) {
                throw new IllegalArgumentException("registryOutageLimit must be zero or positive, was "
                        + registryOutageLimit);
            }
            if (sourceTopic.equals(targetTopic) || sourceTopic.equals(deadLetterTopic)) {
                throw new IllegalArgumentException("source topic " + sourceTopic
                        + " must differ from the target and dead-letter topics");
            }
            String group = groupId != null ? groupId : "streamnet-router-" + sourceTopic;
            DeadLetterRouter<T> router = new DeadLetterRouter<>(new Settings<>(type, bootstrapServers, registry,
                    sourceTopic, targetTopic, deadLetterTopic, group, registryOutageLimit, clientConfig));
            try {
                return router.start();
            } catch (RuntimeException e) {
                router.consumer.close(CloseOptions.timeout(Duration.ZERO));
                router.producer.close(Duration.ZERO);
                throw e;
            }
        }

        private static void require(Object value, String name) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                throw new IllegalArgumentException("DeadLetterRouter needs " + name);
            }
        }
    }
}
