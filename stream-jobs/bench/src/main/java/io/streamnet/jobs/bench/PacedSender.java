package io.streamnet.jobs.bench;

import io.streamnet.jobs.score.LatencyHistogram;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load generator thread: sends event {@code n} to a topic when a {@link Pacer} says it is due, with the record
 * timestamp set to the send time (the job measures latency and freshness from it), and remembers when each event was
 * sent and how late against the schedule. Ids are {@code prefix + n}, so a reader can tell which event a score is for.
 * A sender may also cover a range of numbers, {@code [first, first + limit)}, and then stop: a burst that continues
 * another sender's numbering.
 */
final class PacedSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacedSender.class);
  private static final long JOIN_MILLIS = 30_000;

  /** Makes event {@code n}, id given, at {@code nowMillis}; {@code n} grows by one from 0, on one thread. */
  @FunctionalInterface
  interface Events {
    SpecificRecord make(long n, String id, long nowMillis);
  }

  private final String name;
  private final KafkaProducer<String, SpecificRecord> producer;
  private final String topic;
  private final String prefix;
  private final double rate;
  private final long first;
  private final long limit;
  private final Events events;
  private final Thread thread;
  private final SeqTimes sentAtNanos = new SeqTimes();
  private final SeqTimes sentAtMillis = new SeqTimes();
  private final LatencyHistogram lateMicros = new LatencyHistogram();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile boolean stopped;

  PacedSender(String name, KafkaProducer<String, SpecificRecord> producer, String topic, String prefix, double rate,
              Events events) {
    this(name, producer, topic, prefix, rate, 0, Long.MAX_VALUE, events);
  }

  /**
   * A sender of events {@code first} to {@code first + limit - 1} only, the first of them due at once; its
   * {@link #sentAtNanos} and {@link #sentAtMillis} are by event number.
   */
  PacedSender(String name, KafkaProducer<String, SpecificRecord> producer, String topic, String prefix, double rate,
              long first, long limit, Events events) {
    this.name = name;
    this.first = first;
    this.limit = limit;
    this.producer = producer;
    this.topic = topic;
    this.prefix = prefix;
    this.rate = rate;
    this.events = events;
    this.thread = new Thread(this::loop, "bench-" + name);
    this.thread.setDaemon(true);
  }

  /** The sequence number of an id made by a sender with {@code prefix}, or -1 when it is not one of them. */
  static long seqOf(String id, String prefix) {
    if (!id.startsWith(prefix) || id.length() == prefix.length()) {
      return -1;
    }
    long n = 0;
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9' || n > (Long.MAX_VALUE - 9) / 10) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  void start() {
    thread.start();
  }

  private void loop() {
    Pacer pacer = Pacer.system(rate);
    try {
      for (long n = 0; !stopped && n < limit; n++) {
        long late = pacer.awaitTurn(n);
        long millis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        long seq = first + n;
        String id = prefix + seq;
        SpecificRecord e = events.make(seq, id, millis);
        sentAtNanos.record(seq, nanos);
        sentAtMillis.record(seq, millis);
        synchronized (lateMicros) {
          lateMicros.record(late / 1000);
        }
        producer.send(new ProducerRecord<>(topic, null, millis, id, e), (meta, error) -> {
          if (error != null && failed.getAndIncrement() == 0) {
            firstError.set(error.toString());
          }
        });
        sent.set(n + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      firstError.compareAndSet(null, e.toString());
      LOG.error("load generator {} stopped: {}", name, e.toString());
    }
  }

  /** Events handed to the producer so far (by this sender: numbers {@code first} to {@code first + sent() - 1}). */
  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  String firstError() {
    return firstError.get();
  }

  SeqTimes sentAtNanos() {
    return sentAtNanos;
  }

  SeqTimes sentAtMillis() {
    return sentAtMillis;
  }

  /** The lateness quantile {@code q} against the schedule, in ms. */
  double lateMillis(double q) {
    synchronized (lateMicros) {
      return lateMicros.quantile(q) / 1000;
    }
  }

  /** Stops sending, waits for the thread, and flushes and closes the producer. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(30));
  }
}
