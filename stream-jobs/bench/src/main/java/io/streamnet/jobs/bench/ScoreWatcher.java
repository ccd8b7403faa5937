package io.streamnet.jobs.bench;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the answers topic as a client would, {@code read_uncommitted} (an answer is visible as soon as the job's sink
 * writes it) or {@code read_committed} (only once the checkpoint that covers it completes), and records, per
 * request: when its answer arrived here, the in-job latency the answer carries, the model version that made it and
 * when; and the first answer of each model version (for freshness).
 */
final class ScoreWatcher<O extends SpecificRecord> extends TopicFollower<byte[]> {
  private final AnswerFields<O> fields;
  private final SpecificRecordDecoder<O> decoder;
  private final SeqTimes arrivedAtNanos = new SeqTimes();
  private final SeqTimes latencyMicros = new SeqTimes();
  private final SeqTimes servedEpoch = new SeqTimes();
  private final SeqTimes servedVersion = new SeqTimes();
  private final SeqTimes scoredAtMillis = new SeqTimes();
  private final List<Freshness.Served> served = new ArrayList<>();
  private ModelVersion newest;
  private long foreign;

  /**
   * @param lazy fetch in large, late batches: for a read_committed reader of exactly-once answers, which arrive a
   *             checkpoint at a time and are timed to the second; not for answers visible at once
   */
  ScoreWatcher(BenchKafka kafka, String topic, AnswerFields<O> fields, boolean readCommitted, boolean lazy) {
    this((readCommitted ? "committed" : "live") + "-scores", kafka, topic, fields, readCommitted, lazy);
  }

  /** The same, named {@code name} (its thread and client id): a run with several answer readers names each. */
  ScoreWatcher(String name, BenchKafka kafka, String topic, AnswerFields<O> fields, boolean readCommitted,
               boolean lazy) {
    super(name, kafka.consumer("bench-" + name, readCommitted, lazy), List.of(topic));
    this.fields = fields;
    this.decoder = new SpecificRecordDecoder<>(SchemaRegistries.connect(BenchKafka.REGISTRY), fields.type());
  }

  @Override
  void handle(ConsumerRecord<byte[], byte[]> record, long polledAtNanos) {
    O answer = decoder.decode(record.value());
    long seq = PacedSender.seqOf(fields.requestId().apply(answer).toString(), ScoringBenchmark.REQUEST_PREFIX);
    if (seq < 0) {
      synchronized (this) {
        foreign++;
      }
      return;
    }
    arrivedAtNanos.record(seq, polledAtNanos);
    latencyMicros.record(seq, fields.latencyMicros().applyAsLong(answer));
    ModelVersion v = fields.version().apply(answer);
    long scoredAt = fields.scoredAtMillis().applyAsLong(answer);
    servedEpoch.record(seq, v.epoch());
    servedVersion.record(seq, v.version());
    scoredAtMillis.record(seq, scoredAt);
    synchronized (this) {
      if (newest == null || v.compareTo(newest) > 0) {
        newest = v;
        served.add(new Freshness.Served(v, scoredAt));
      }
    }
  }

  /** When each request's answer arrived ({@link System#nanoTime()}), by request number. */
  SeqTimes arrivedAtNanos() {
    return arrivedAtNanos;
  }

  /** The latency each answer reports (Kafka timestamp of the request to the answer's emission), by request number. */
  SeqTimes latencyMicros() {
    return latencyMicros;
  }

  /** The version that answered request {@code seq} and when; null when its answer has not arrived. */
  VersionLag.Answer answer(long seq) {
    if (!scoredAtMillis.has(seq)) {
      return null;
    }
    return new VersionLag.Answer(new ModelVersion(servedEpoch.get(seq), servedVersion.get(seq)),
        scoredAtMillis.get(seq));
  }

  /** The first answer of each newer model version, in arrival order. */
  synchronized List<Freshness.Served> served() {
    return List.copyOf(served);
  }

  /** Answers to ids this benchmark did not send (none expected). */
  synchronized long foreign() {
    return foreign;
  }
}
