package io.streamnet.jobs.bench;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.jobs.model.ModelVersion;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the job's snapshot and metrics topics {@code read_uncommitted}: each snapshot's version and applied-event
 * count (for freshness), and every trainer and scorer metrics record with the time it was emitted.
 */
final class ModelWatcher extends TopicFollower {
  /** A metrics record: when the job emitted it, and its figures. */
  record Metrics(long emittedAtMillis, Map<String, Double> values) {}

  private final String snapshotsTopic;
  private final SpecificRecordDecoder<ModelSnapshot> snapshots =
      new SpecificRecordDecoder<>(SchemaRegistries.connect(BenchKafka.REGISTRY), ModelSnapshot.class);
  private final SpecificRecordDecoder<TrainingMetrics> metrics =
      new SpecificRecordDecoder<>(SchemaRegistries.connect(BenchKafka.REGISTRY), TrainingMetrics.class);
  private final List<Freshness.Snapshot> published = new ArrayList<>();
  private final List<Metrics> trainer = new ArrayList<>();
  private final List<Metrics> scorer = new ArrayList<>();

  ModelWatcher(BenchKafka kafka, String snapshotsTopic, String metricsTopic) {
    super("models", kafka.consumer("bench-models", false, true), List.of(snapshotsTopic, metricsTopic));
    this.snapshotsTopic = snapshotsTopic;
  }

  @Override
  void handle(ConsumerRecord<byte[], byte[]> record, long polledAtNanos) {
    if (record.topic().equals(snapshotsTopic)) {
      ModelSnapshot s = snapshots.decode(record.value());
      Double applied = s.getMetrics().get("applied_events");
      if (applied != null) {
        synchronized (this) {
          published.add(new Freshness.Snapshot(new ModelVersion(s.getEpoch(), s.getVersion()), Math.round(applied)));
        }
      }
    } else {
      TrainingMetrics m = metrics.decode(record.value());
      Metrics entry = new Metrics(m.getEmittedAt().toEpochMilli(), Map.copyOf(m.getMetrics()));
      synchronized (this) {
        (m.getMetrics().containsKey("scorer.scored") ? scorer : trainer).add(entry);
      }
    }
  }

  synchronized List<Freshness.Snapshot> published() {
    return List.copyOf(published);
  }

  synchronized List<Metrics> trainer() {
    return List.copyOf(trainer);
  }

  synchronized List<Metrics> scorer() {
    return List.copyOf(scorer);
  }
}
