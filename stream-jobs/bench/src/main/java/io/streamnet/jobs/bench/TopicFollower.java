package io.streamnet.jobs.bench;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one-partition topics from their beginning on a thread of its own and hands each record to
 * {@link #handle} with the time its poll returned ({@link System#nanoTime()}), taken before any decoding so that
 * arrival times do not include this reader's own work.
 */
abstract class TopicFollower<V> implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long JOIN_MILLIS = 30_000;

  private final KafkaConsumer<byte[], V> consumer;
  private final List<TopicPartition> partitions;
  private final Thread thread;
  private volatile boolean closed;
  private volatile RuntimeException failure;
  private boolean started;

  TopicFollower(String name, KafkaConsumer<byte[], V> consumer, List<String> topics) {
    this.consumer = consumer;
    this.partitions = topics.stream().map(t -> new TopicPartition(t, 0)).toList();
    this.thread = new Thread(this::loop, "bench-" + name);
    this.thread.setDaemon(true);
  }

  /** Called on the follower's thread for each record, in offset order per topic. */
  abstract void handle(ConsumerRecord<byte[], V> record, long polledAtNanos);

  void start() {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    started = true;
    thread.start();
  }

  /** Why the follower stopped early, or null while it runs (or after a clean close). */
  RuntimeException failure() {
    return failure;
  }

  private void loop() {
    try {
      while (!closed) {
        ConsumerRecords<byte[], V> records = consumer.poll(POLL);
        long at = System.nanoTime();
        for (ConsumerRecord<byte[], V> r : records) {
          handle(r, at);
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
