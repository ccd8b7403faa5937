package io.streamnet.jobs.job;

import io.streamnet.schema.DeadLetter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The job's own decoder, plus chaos: it throws once when it first meets each offset in {@code failAt} (the job
 * fails and recovers from its last checkpoint), and at {@code parkAt} it parks the source until the test releases
 * it (so the test can cancel a job mid-stream). State is static: the MiniCluster runs in this JVM, and the copies
 * Flink deserializes must share it across restarts.
 */
final class FailureInjectingDecoder<T> implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {
  private static final long serialVersionUID = 1L;

  static final AtomicInteger FAILURES = new AtomicInteger();
  static final Set<Long> FAILED_OFFSETS = ConcurrentHashMap.newKeySet();
  static volatile CountDownLatch parked = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);

  private final KafkaRecordDeserializationSchema<Either<DeadLetter, T>> delegate;
  private final Set<Long> failAt;
  private final long parkAt;

  FailureInjectingDecoder(KafkaRecordDeserializationSchema<Either<DeadLetter, T>> delegate,
                          Set<Long> failAt, long parkAt) {
    this.delegate = delegate;
    this.failAt = Set.copyOf(failAt);
    this.parkAt = parkAt;
  }

  static void reset() {
    FAILURES.set(0);
    FAILED_OFFSETS.clear();
    parked = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  @Override
  public void open(org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext context)
      throws Exception {
    delegate.open(context);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out)
      throws java.io.IOException {
    long offset = record.offset();
    if (failAt.contains(offset) && FAILED_OFFSETS.add(offset)) {
      FAILURES.incrementAndGet();
      throw new InjectedFailure("injected failure at offset " + offset);
    }
    if (offset == parkAt) {
      parked.countDown();
      try {
        // Held until the test has cancelled the job; cancellation interrupts this thread.
        release.await(PipelineFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new InjectedFailure("parked source released at offset " + offset);
    }
    delegate.deserialize(record, out);
  }

  @Override
  public TypeInformation<Either<DeadLetter, T>> getProducedType() {
    return delegate.getProducedType();
  }

  static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }
}
