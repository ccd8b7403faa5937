package io.streamnet.jobs.feedback;

import io.streamnet.schema.DeadLetter;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Watermarks on the clock of the records' own event times, for the feedback loop, while each record keeps its Kafka
 * timestamp as Flink's timestamp (the scorer's latency and the trainer's freshness are measured from it): the
 * watermark trails the newest event time seen in a source partition by the allowed out-of-orderness; dead letters do
 * not move it; an idle partition stops holding it back.
 */
public final class EventTimeWatermarks {
  private EventTimeWatermarks() {}

  /**
   * @param eventTime        a decoded record's event time, epoch ms
   * @param outOfOrderness   how far event times run out of order within a partition
   * @param idle             after this long without records a partition no longer holds the watermark back
   */
  public static <T> WatermarkStrategy<Either<DeadLetter, T>> of(SerializableFunction<T, Long> eventTime,
                                                                Duration outOfOrderness, Duration idle) {
    long bound = outOfOrderness.toMillis();
    WatermarkStrategy<Either<DeadLetter, T>> strategy = context -> new Generator<>(eventTime, bound);
    return strategy.withIdleness(idle);
  }

  /** The newest event time minus the bound, emitted periodically. */
  private static final class Generator<T> implements WatermarkGenerator<Either<DeadLetter, T>> {
    private final SerializableFunction<T, Long> eventTime;
    private final long bound;
    private long newest = Long.MIN_VALUE;

    Generator(SerializableFunction<T, Long> eventTime, long bound) {
      this.eventTime = eventTime;
      this.bound = bound;
    }

    @Override
    public void onEvent(Either<DeadLetter, T> event, long timestamp, WatermarkOutput output) {
      if (event.isRight()) {
        newest = Math.max(newest, eventTime.apply(event.right()));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (newest != Long.MIN_VALUE) {
        output.emitWatermark(new Watermark(newest - bound - 1));
      }
    }
  }
}
