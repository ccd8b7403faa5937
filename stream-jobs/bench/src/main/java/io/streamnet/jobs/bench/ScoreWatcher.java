package io.streamnet.jobs.bench;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.SentimentScore;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the scores topic as a client would, {@code read_uncommitted} (a score is visible as soon as the job's sink
 * writes it) or {@code read_committed} (only once the checkpoint that covers it completes), and records, per
 * request: when its score arrived here, the in-job latency the score carries, and the first score of each model
 * version (for freshness).
 */
final class ScoreWatcher extends TopicFollower<byte[]> {
  private final SpecificRecordDecoder<SentimentScore> decoder =
      new SpecificRecordDecoder<>(SchemaRegistries.connect(BenchKafka.REGISTRY), SentimentScore.class);
  private final SeqTimes arrivedAtNanos = new SeqTimes();
  private final SeqTimes latencyMicros = new SeqTimes();
  private final List<Freshness.Served> served = new ArrayList<>();
  private ModelVersion newest;
  private long foreign;

  /**
   * @param lazy fetch in large, late batches: for a read_committed reader of exactly-once scores, which arrive a
   *             checkpoint at a time and are timed to the second; not for scores visible at once
   */
  ScoreWatcher(BenchKafka kafka, String topic, boolean readCommitted, boolean lazy) {
    super((readCommitted ? "committed-" : "live-") + "scores", kafka.consumer(
        "bench-" + (readCommitted ? "committed" : "live") + "-scores", readCommitted, lazy), List.of(topic));
  }

  @Override
  void handle(ConsumerRecord<byte[], byte[]> record, long polledAtNanos) {
    SentimentScore s = decoder.decode(record.value());
    long seq = PacedSender.seqOf(s.getId().toString(), ScoringBenchmark.REQUEST_PREFIX);
    if (seq < 0) {
      synchronized (this) {
        foreign++;
      }
      return;
    }
    arrivedAtNanos.record(seq, polledAtNanos);
    latencyMicros.record(seq, s.getLatencyMicros());
    ModelVersion v = new ModelVersion(s.getModelEpoch(), s.getModelVersion());
    synchronized (this) {
      if (newest == null || v.compareTo(newest) > 0) {
        newest = v;
        served.add(new Freshness.Served(v, s.getScoredAt().toEpochMilli()));
      }
    }
  }

  /** When each request's score arrived ({@link System#nanoTime()}), by request number. */
  SeqTimes arrivedAtNanos() {
    return arrivedAtNanos;
  }

  /** The latency each score reports (Kafka timestamp of the request to the score's emission), by request number. */
  SeqTimes latencyMicros() {
    return latencyMicros;
  }

  /** The first score of each newer model version, in arrival order. */
  synchronized List<Freshness.Served> served() {
    return List.copyOf(served);
  }

  /** Scores of ids this benchmark did not send (none expected). */
  synchronized long foreign() {
    return foreign;
  }
}
