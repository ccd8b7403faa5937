package io.streamnet.edge.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the scorers of one task count and measure, across all their threads. */
public final class TaskMetrics {
  private final String task;
  private final String modelId;
  private final LongAdder answered = new LongAdder();
  private final LongAdder answeredFromBuffer = new LongAdder();
  private final LongAdder labeled = new LongAdder();
  private final LongAdder overflow = new LongAdder();
  private final AtomicLong buffered = new AtomicLong();
  private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
  private final LatencyBuckets latency = new LatencyBuckets();
  private final RateMeter rate;

  public TaskMetrics(String task, String modelId, RateMeter rate) {
    this.task = task;
    this.modelId = modelId;
    this.rate = rate;
  }

  /** An answer written; {@code latencyMicros} from the request's timestamp to its score. */
  public void answered(long latencyMicros, boolean fromBuffer) {
    answered.increment();
    if (fromBuffer) {
      answeredFromBuffer.increment();
    }
    latency.record(latencyMicros);
    rate.mark();
  }

  public void labeled() {
    labeled.increment();
  }

  public void deadLetter(String reason) {
    deadLetters.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** An input dead-lettered because the buffer before the first model was full (also counted as a dead letter). */
  public void overflow() {
    overflow.increment();
  }

  /** Inputs now waiting for the first model changed by {@code delta}. */
  public void buffered(long delta) {
    buffered.addAndGet(delta);
  }

  public String task() {
    return task;
  }

  public String modelId() {
    return modelId;
  }

  public long answered() {
    return answered.sum();
  }

  public long answeredFromBuffer() {
    return answeredFromBuffer.sum();
  }

  public long labeledCount() {
    return labeled.sum();
  }

  public long overflowCount() {
    return overflow.sum();
  }

  public long bufferedNow() {
    return buffered.get();
  }

  public Map<String, Long> deadLetters() {
    Map<String, Long> out = new TreeMap<>();
    deadLetters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public LatencyBuckets latency() {
    return latency;
  }

  public double requestsPerSecond() {
    return rate.perSecond();
  }
}
