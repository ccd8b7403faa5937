package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.cli.ReplayCommand;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.AvroKafkaDeserializer;
import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.ReviewEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code streamnet replay} end to end against a real broker and the real registry: the command produces, a consumer
 * reads the topics back and decodes them through the registry. Run by {@link ReplayIT} and
 * {@link ReplayContainersIT}. The datasets are the copies the repository carries ({@code datasets/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplayScenarios {

    private KafkaRegistryEnvironment env;
    private SchemaRegistryClient registry;
    private Path uciDir;
    private Path movieLensDir;

    @BeforeAll
    void setUp(KafkaRegistryEnvironment environment) {
        env = environment;
        registry = SchemaRegistries.connect(RegistryConfig.of(env.registryUrl()));
        Path datasets = repoRoot().resolve("datasets");
        uciDir = datasets.resolve("uci-sentiment-labelled-sentences");
        movieLensDir = datasets.resolve("ml-latest-small");
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("datasets"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with datasets/ above " + Path.of("").toAbsolutePath());
    }

    @Test
    void uciTextsArriveInTheCanonicalOrderSplitIntoLabeledEventsAndRequests() {
        String labeledTopic = TestKafka.unique("replay.uci.labeled");
        String requestsTopic = TestKafka.unique("replay.uci.requests");
        Run run = replay("--dataset", "uci", "--path", uciDir.toString(), "--topic", labeledTopic,
                "--requests-topic", requestsTopic, "--request-fraction", "0.2", "--seed", "42", "--create-topics");

        List<LabeledText> texts = UciSentencesReader.read(uciDir);
        assertEquals(3_000, texts.size());
        HoldBack holdBack = new HoldBack(0.2, 42);
        List<LabeledText> expectedLabeled = new ArrayList<>();
        List<LabeledText> expectedRequests = new ArrayList<>();
        for (LabeledText t : CanonicalOrder.apply(texts, 42)) {
            (holdBack.isRequest(t.index()) ? expectedRequests : expectedLabeled).add(t);
        }
        assertEquals(0, run.status, run.err);
        assertEquals("3000", run.summary.get("produced"));
        assertEquals(Integer.toString(expectedRequests.size()), run.summary.get("requests"));
        assertEquals("0", run.summary.get("failed"));
        assertEquals(labeledTopic, run.summary.get("topic"));

        List<ReviewEvent> labeled = values(labeledTopic, expectedLabeled.size(), ReviewEvent.class);
        List<ReviewEvent> requests = values(requestsTopic, expectedRequests.size(), ReviewEvent.class);
        assertEquals(expectedLabeled.stream().map(t -> "uci-" + t.index()).toList(),
                labeled.stream().map(ReviewEvent::getId).toList(), "labeled events in canonical order");
        assertEquals(expectedRequests.stream().map(t -> "uci-" + t.index()).toList(),
                requests.stream().map(ReviewEvent::getId).toList(), "requests in canonical order");
        for (int i = 0; i < labeled.size(); i++) {
            assertEquals(expectedLabeled.get(i).text(), labeled.get(i).getText());
            assertEquals(expectedLabeled.get(i).label(), labeled.get(i).getLabel());
        }
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(expectedRequests.get(i).text(), requests.get(i).getText());
            assertNull(requests.get(i).getLabel(), "a request has no label");
        }
        assertTrue(registry.subjects().contains(labeledTopic + "-value"), "the schema is in the real registry");
    }

    @Test
    void overSeveralPartitionsEachPartitionKeepsTheCanonicalOrderAndKeysPickThePartition() {
        String topic = TestKafka.unique("replay.uci.partitioned");
        Run run = replay("--dataset", "uci", "--path", uciDir.toString(), "--topic", topic, "--seed", "7",
                "--limit", "1000", "--create-topics", "--partitions", "3");
        assertEquals(0, run.status, run.err);
        assertEquals("1000", run.summary.get("produced"));

        int[] order = CanonicalOrder.permutation(3_000, 7);
        Map<Integer, Integer> positionOfIndex = new HashMap<>();
        for (int p = 0; p < 1_000; p++) {
            positionOfIndex.put(order[p], p);
        }
        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.consume(env.bootstrapServers(), topic, 1_000);
        assertEquals(1_000, records.size());
        AvroKafkaDeserializer<ReviewEvent> decoder = new AvroKafkaDeserializer<>(registry, ReviewEvent.class);
        int[] lastPosition = {-1, -1, -1};
        int[] perPartition = new int[3];
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ReviewEvent e = decoder.deserialize(topic, r.value());
            Integer position = positionOfIndex.get(Integer.parseInt(e.getId().substring("uci-".length())));
            assertNotNull(position, e.getId() + " is among the first 1000 of the stream");
            assertTrue(position > lastPosition[r.partition()], "partition " + r.partition() + ": " + e.getId()
                    + " at stream position " + position + " after position " + lastPosition[r.partition()]);
            lastPosition[r.partition()] = position;
            perPartition[r.partition()]++;
            assertEquals(Utils.toPositive(Utils.murmur2(r.key())) % 3, r.partition(), "partition from the key");
            assertEquals(e.getId(), new String(r.key(), StandardCharsets.UTF_8));
        }
        for (int p = 0; p < 3; p++) {
            assertTrue(perPartition[p] > 250, "partition " + p + " got " + perPartition[p]);
        }
    }

    @Test
    void aMovieLensSliceArrivesInTimeOrderWithItsEventTimesAndHeldBackRequests() {
        String interactionsTopic = TestKafka.unique("replay.ml.interactions");
        String requestsTopic = TestKafka.unique("replay.ml.requests");
        Run run = replay("--dataset", "movielens", "--path", movieLensDir.toString(), "--topic", interactionsTopic,
                "--requests-topic", requestsTopic, "--request-fraction", "0.1", "--limit", "5000", "--k", "5",
                "--create-topics");

        List<Rating> slice = MovieLensReader.readInStreamOrder(movieLensDir).subList(0, 5_000);
        HoldBack holdBack = new HoldBack(0.1, 42);
        List<Rating> expectedInteractions = new ArrayList<>();
        List<Rating> expectedRequests = new ArrayList<>();
        for (int p = 0; p < slice.size(); p++) {
            (holdBack.isRequest(p) ? expectedRequests : expectedInteractions).add(slice.get(p));
        }
        assertEquals(0, run.status, run.err);
        assertEquals("5000", run.summary.get("produced"));
        assertEquals(Integer.toString(expectedRequests.size()), run.summary.get("requests"));
        assertTrue(expectedRequests.size() > 400 && expectedRequests.size() < 600, "about a tenth held back");

        List<Interaction> interactions = values(interactionsTopic, expectedInteractions.size(), Interaction.class);
        assertEquals(expectedInteractions.size(), interactions.size());
        long lastTime = Long.MIN_VALUE;
        for (int i = 0; i < interactions.size(); i++) {
            Rating r = expectedInteractions.get(i);
            Interaction got = interactions.get(i);
            assertEquals(r.userId(), got.getUserId(), "interaction " + i);
            assertEquals(r.movieId(), got.getItemId(), "interaction " + i);
            assertEquals(r.rating(), got.getRating());
            assertEquals(r.timestamp() * 1000, got.getEventTime().toEpochMilli());
            assertTrue(got.getEventTime().toEpochMilli() >= lastTime, "time order at interaction " + i);
            lastTime = got.getEventTime().toEpochMilli();
        }
        List<RecoRequest> requests = values(requestsTopic, expectedRequests.size(), RecoRequest.class);
        for (int i = 0; i < requests.size(); i++) {
            Rating r = expectedRequests.get(i);
            RecoRequest got = requests.get(i);
            assertEquals("movielens-" + r.userId() + "-" + r.movieId(), got.getRequestId());
            assertEquals(r.userId(), got.getUserId());
            assertEquals(5, got.getK());
            assertEquals(r.timestamp() * 1000, got.getEventTime().toEpochMilli());
        }
    }

    @Test
    void aSendTheBrokerRejectsFailsTheReplayAndNamesTheReason() {
        String topic = TestKafka.unique("replay.tiny");
        try (TopicAdmin admin = TopicAdmin.connect(env.bootstrapServers())) {
            // A record batch has a 61-byte header: no batch fits into 64 bytes.
            admin.ensure(List.of(new TopicSpec(topic, 1, (short) 1, Map.of("max.message.bytes", "64"))));
        }
        Run run = replay("--dataset", "uci", "--path", uciDir.toString(), "--topic", topic, "--limit", "50");
        assertEquals(1, run.status, run.err);
        assertTrue(run.err.contains("RecordTooLargeException"), run.err);
        assertEquals("0", run.summary.get("produced"));
        assertTrue(Integer.parseInt(run.summary.get("failed")) > 0, run.summary.toString());
    }

    @Test
    void aStopEndsAPacedReplayWithEverySentEventFlushedAndASummary() throws Exception {
        String topic = TestKafka.unique("replay.stopped");
        TestKafka.createTopics(env.bootstrapServers(), topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayCommand command = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ReplayProgress.silent());
        int[] status = {-1};
        // 50 events/s: the 3,000 events would take a minute.
        Thread replay = new Thread(() -> status[0] = command.run(new String[] {"--dataset", "uci", "--path",
                uciDir.toString(), "--topic", topic, "--rate", "50", "--bootstrap",
                env.bootstrapServers(), "--registry", env.registryUrl(), "--quiet"}));
        replay.start();
        // Stop once events flow: the first one is on the topic.
        assertTrue(TestKafka.consume(env.bootstrapServers(), topic, 1).size() >= 1, "events flow");
        command.stopAndWait();
        replay.join(TestKafka.DEADLINE.toMillis());
        Run run = new Run(status[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(130, run.status, run.err);
        assertEquals("true", run.summary.get("stopped"));
        int produced = Integer.parseInt(run.summary.get("produced"));
        assertTrue(produced > 0 && produced < 3_000, "stopped early: " + produced);
        assertEquals(produced, TestKafka.consume(env.bootstrapServers(), topic, produced).size(),
                "every acknowledged event is on the topic");
    }

    private <T extends SpecificRecord> List<T> values(String topic, int count, Class<T> type) {
        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.consume(env.bootstrapServers(), topic, count);
        assertEquals(count, records.size(), "records on " + topic);
        AvroKafkaDeserializer<T> decoder = new AvroKafkaDeserializer<>(registry, type);
        return records.stream().map(r -> decoder.deserialize(topic, r.value())).toList();
    }

    private Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", env.bootstrapServers(), "--registry", env.registryUrl(), "--quiet"));
        return Run.of(all.toArray(String[]::new));
    }

    /** One run of the command: exit status, stderr, and the summary line's key=value pairs. */
    static final class Run {
        final int status;
        final String err;
        final Map<String, String> summary = new HashMap<>();

        Run(int status, String out, String err) {
            this.status = status;
            this.err = err;
            String[] lines = out.strip().split("\n");
            for (String pair : lines[lines.length - 1].split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    summary.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }

        static Run of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), ReplayProgress.silent()).run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
