package io.streamnet.connect.replay;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a dataset's events to Kafka: in stream order, at most a given rate, with a bounded number of events awaiting
 * acknowledgement, and every failure counted and reported. The first failed send stops the replay (the events
 * after it would fail the same way, or arrive out of order); what was sent before it is still flushed and counted.
 * Event records get no Kafka timestamp of their own (the producer's create time): old event times such as
 * MovieLens' 1996 would make time-based retention delete them at once. Their event time is in the value.
 *
 * <p>One replay per instance; {@link #requestStop()} may be called from another thread (a shutdown hook).
 */
public final class Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    /** Events in flight (sent, not yet acknowledged) at most: bounds memory and how much a broker failure affects. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 50_000;
    /** How long to wait for the last acknowledgements after the flush: above the producer's delivery timeout. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final Producer<String, SpecificRecord> producer;
    private final ReplayTopics topics;
    private final double eventsPerSecond;
    private final int maxInFlight;
    private final ReplayProgress progress;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Semaphore inFlight;
    private final LongAdder labeledAcked = new LongAdder();
    private final LongAdder requestsAcked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback labeledCallback = new Acknowledgement(labeledAcked);
    private final Callback requestCallback = new Acknowledgement(requestsAcked);

    /**
     * @param producer        an idempotent producer ({@link ProducerSettings}); the caller closes it
     * @param topics          where labeled events and requests go
     * @param eventsPerSecond target rate, 0 for as fast as possible
     * @param maxInFlight     events awaiting acknowledgement at most
     * @param progress        progress display
     */
    public Replayer(Producer<String, SpecificRecord> producer, ReplayTopics topics, double eventsPerSecond,
            int maxInFlight, ReplayProgress progress) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.eventsPerSecond = eventsPerSecond;
        this.maxInFlight = maxInFlight;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Asks a running replay to stop after the current event; it then flushes and returns. Idempotent. */
    public void requestStop() {
        stop.countDown();
    }

    /**
     * Replays the first {@code limit} events of {@code events} (all when {@code limit} is 0 or above its size), and
     * returns once every sent event is acknowledged or failed.
     */
    public ReplayResult replay(EventSequence events, long limit) {
        long total = limit > 0 ? Math.min(limit, events.size()) : events.size();
        RateLimiter limiter = new RateLimiter(eventsPerSecond, System::nanoTime,
                nanos -> stop.await(nanos, TimeUnit.NANOSECONDS));
        long sent = 0;
        long start = System.nanoTime();
        progress.start(total, start);
        try {
            for (int position = 0; position < total; position++) {
                limiter.acquire();
                if (stop.getCount() == 0 || firstError.get() != null) {
                    break;
                }
                ReplayEvent event = events.get(position);
                inFlight.acquire();
                if (!send(event)) {
                    break;
                }
                sent++;
                progress.update(this::produced, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
        drain();
        long end = System.nanoTime();
        progress.finish(produced(), end);
        Exception error = firstError.get();
        ReplayResult result = new ReplayResult(sent, labeledAcked.sum(), requestsAcked.sum(), failed.sum(),
                error == null ? null : describe(error), stop.getCount() == 0, end - start, topics);
        if (error != null) {
            LOG.error("Replay to {} / {} failed: {} events failed, {} sent, {} acknowledged; first failure: {}",
                    topics.labeled(), topics.requests(), result.failed(), sent, result.produced(), result.firstError());
        }
        return result;
    }

    /** Hands one event to the producer; false (and the failure recorded) if the producer refused it. */
    private boolean send(ReplayEvent event) {
        String topic = event.request() ? topics.requests() : topics.labeled();
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), event.value()),
                    event.request() ? requestCallback : labeledCallback);
            return true;
        } catch (RuntimeException e) {
            // Serialization (registry) errors, a closed or fenced producer, a metadata timeout: nothing was queued.
            inFlight.release();
            failed.increment();
            fail(e);
            return false;
        }
    }

    /** Waits until every sent event is acknowledged or failed. */
    private void drain() {
        try {
            producer.flush();
            // flush() returns once the batches are done; holding every permit proves every callback has run too.
            if (!inFlight.tryAcquire(maxInFlight, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(new IllegalStateException((maxInFlight - inFlight.availablePermits())
                        + " events still unacknowledged " + DRAIN_TIMEOUT.toSeconds() + " s after the flush"));
            } else {
                inFlight.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private long produced() {
        return labeledAcked.sum() + requestsAcked.sum();
    }

    private void fail(Exception e) {
        firstError.compareAndSet(null, e);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Counts an acknowledgement or a failure, and frees the event's in-flight slot. Runs on the producer's thread. */
    private final class Acknowledgement implements Callback {
        private final LongAdder acked;

        Acknowledgement(LongAdder acked) {
            this.acked = acked;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            try {
                if (exception == null) {
                    acked.increment();
                } else {
                    failed.increment();
                    fail(exception);
                }
            } finally {
                inFlight.release();
            }
        }
    }
}
