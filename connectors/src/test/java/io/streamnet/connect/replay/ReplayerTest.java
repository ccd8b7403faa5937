package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.LabeledText;
import io.streamnet.schema.ReviewEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The send loop against Kafka's MockProducer: order, topics, keys, limits, the in-flight bound, failures, stop. */
class ReplayerTest {

    private static final ReplayTopics TOPICS = new ReplayTopics("labeled", "requests");
    private static final Serializer<SpecificRecord> VALUES = (topic, v) -> v.toString().getBytes(StandardCharsets.UTF_8);
    private static final List<LabeledText> TEXTS = IntStream.range(0, 1_000)
            .mapToObj(i -> new LabeledText(i, "t" + i, i % 2)).toList();

    private static EventSequence events(double fraction) {
        return new TextEventSequence("uci", TEXTS, 42, new HoldBack(fraction, 42), () -> 0L);
    }

    private static MockProducer<String, SpecificRecord> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), VALUES);
    }

    @Test
    void sendsEveryEventInStreamOrderToItsTopicWithItsKey() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        EventSequence events = events(0.2);
        ReplayResult result = new Replayer(producer, TOPICS, 0, 100, ReplayProgress.silent()).replay(events, 0);

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertEquals(1_000, sent.size());
        long requests = 0;
        for (int p = 0; p < sent.size(); p++) {
            ReplayEvent expected = events.get(p);
            ProducerRecord<String, SpecificRecord> record = sent.get(p);
            assertEquals(expected.key(), record.key(), "position " + p);
            assertEquals(((ReviewEvent) expected.value()).getId(), ((ReviewEvent) record.value()).getId());
            assertEquals(expected.request() ? "requests" : "labeled", record.topic());
            assertNull(record.timestamp(), "no Kafka timestamp: the event time is in the value");
            requests += expected.request() ? 1 : 0;
        }
        assertTrue(result.succeeded());
        assertEquals(1_000, result.sent());
        assertEquals(1_000, result.produced());
        assertEquals(requests, result.requests());
        assertEquals(1_000 - requests, result.labeled());
        assertTrue(requests > 150 && requests < 250, "about a fifth held back: " + requests);
        assertTrue(producer.flushed());
    }

    @Test
    void stopsAtTheLimit() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        ReplayResult result = new Replayer(producer, TOPICS, 0, 100, ReplayProgress.silent()).replay(events(0), 37);
        assertEquals(37, producer.history().size());
        assertEquals(37, result.produced());
        assertEquals(events(0).get(36).key(), producer.history().get(36).key());
    }

    @Test
    void neverHasMoreThanMaxInFlightEventsUnacknowledged() throws Exception {
        MockProducer<String, SpecificRecord> producer = producer(false);
        Replayer replayer = new Replayer(producer, TOPICS, 0, 3, ReplayProgress.silent());
        AtomicReference<ReplayResult> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(replayer.replay(events(0), 10)));
        thread.start();

        awaitCondition(() -> producer.history().size() == 3 && thread.getState() == Thread.State.WAITING,
                "three sends, then the replayer waits for an acknowledgement");
        assertEquals(3, producer.history().size());
        assertTrue(producer.completeNext());
        awaitCondition(() -> producer.history().size() == 4 && thread.getState() == Thread.State.WAITING,
                "one acknowledgement lets exactly one more event go");
        while (thread.isAlive()) {
            producer.completeNext();
            Thread.onSpinWait();
        }
        assertEquals(10, result.get().produced());
    }

    @Test
    void aFailedSendIsCountedReportedAndStopsTheReplay() {
        MockProducer<String, SpecificRecord> producer = new FailingProducer(5);
        ReplayResult result = new Replayer(producer, TOPICS, 0, 100, ReplayProgress.silent()).replay(events(0), 0);
        assertFalse(result.succeeded());
        assertEquals(1, result.failed());
        assertEquals(6, result.sent(), "events 0..5 were sent; none after the failure");
        assertEquals(5, result.produced());
        assertNotNull(result.firstError());
        assertTrue(result.firstError().contains("TimeoutException") && result.firstError().contains("broker gone"),
                result.firstError());
        assertTrue(result.summaryLine().contains("failed=1"), result.summaryLine());
    }

    @Test
    void aSendThatThrowsIsReportedToo() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        producer.sendException = new KafkaException("cannot register the ReviewEvent schema at http://registry");
        ReplayResult result = new Replayer(producer, TOPICS, 0, 100, ReplayProgress.silent()).replay(events(0), 0);
        assertFalse(result.succeeded());
        assertEquals(0, result.sent());
        assertEquals(1, result.failed());
        assertTrue(result.firstError().contains("http://registry"), result.firstError());
    }

    @Test
    void aStopRequestEndsARateLimitedReplayPromptly() throws Exception {
        MockProducer<String, SpecificRecord> producer = producer(true);
        // One event per 10 s: without the stop, the replay would take hours.
        Replayer replayer = new Replayer(producer, TOPICS, 0.1, 100, ReplayProgress.silent());
        AtomicReference<ReplayResult> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(replayer.replay(events(0), 0)));
        thread.start();
        awaitCondition(() -> producer.history().size() == 1, "the first event goes at once");
        replayer.requestStop();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive(), "the pause ends on the stop request");
        assertTrue(result.get().stopped());
        assertEquals(1, result.get().produced());
        assertTrue(result.get().summaryLine().endsWith("stopped=true"), result.get().summaryLine());
    }

    @Test
    void theSummaryLineHasTheAgreedKeys() {
        ReplayResult result = new ReplayResult(10, 8, 2, 0, null, false, 2_000_000_000L, TOPICS);
        assertEquals("produced=10 labeled=8 requests=2 failed=0 topic=labeled requests_topic=requests events_per_s=5"
                + " elapsed_s=2.000", result.summaryLine());
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.onSpinWait();
            Thread.yield(); // no fixed wait: re-check as soon as the replay thread has run
        }
    }

    /** Acknowledges every send at once, except send number {@code failAt} (0-based), which times out. */
    private static final class FailingProducer extends MockProducer<String, SpecificRecord> {
        private final int failAt;
        private int sends;

        FailingProducer(int failAt) {
            super(true, null, new StringSerializer(), VALUES);
            this.failAt = failAt;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record,
                Callback callback) {
            if (sends++ == failAt) {
                TimeoutException error = new TimeoutException("broker gone");
                callback.onCompletion(null, error);
                return CompletableFuture.failedFuture(error);
            }
            return super.send(record, callback);
        }
    }
}
