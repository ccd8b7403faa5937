package io.streamnet.jobs.model;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.AvroKafkaDeserializer;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What has been published on the {@code model.snapshots} topic for a model: the newest version (so that a
 * restarted trainer continues above it) and the newest weights (for a warm start).
 *
 * <p>Reads committed records only, from the tail of every partition: the last {@link #LOOKBACK} offsets, then
 * further back in growing windows for partitions that have not yet shown what is needed (another model's records,
 * or many deltas, may fill the tail). Values are ModelSnapshot records in the Confluent wire format. Waits at most
 * {@code default.api.timeout.ms} of the given properties (60 s if unset).
 */
public final class PublishedVersions {

  /** Offsets per partition read first. */
  public static final int LOOKBACK = 64;

  private PublishedVersions() {}

  /**
   * The newest {@code (epoch, version)} published for {@code modelId}; empty if there is none (or no such topic).
   *
   * @param kafkaProps client properties: bootstrap.servers and any security settings
   * @param values     decodes ModelSnapshot values (e.g. an {@link AvroKafkaDeserializer})
   */
  public static Optional<ModelVersion> latest(Properties kafkaProps, String topic, String modelId,
                                              Deserializer<ModelSnapshot> values) {
    ModelVersion[] newest = new ModelVersion[1];
    new SnapshotTopicScan(kafkaProps, topic, modelId, values, LOOKBACK).run(
        s -> newest[0] = ModelVersion.newer(newest[0], PublishedModel.versionOf(s)),
        seen -> seen.oldest == null);
    return Optional.ofNullable(newest[0]);
  }

  /** {@link #latest(Properties, String, String, Deserializer)} decoding with the registry at {@code registry}. */
  public static Optional<ModelVersion> latest(Properties kafkaProps, String topic, String modelId,
                                              RegistryConfig registry) {
    return latest(kafkaProps, topic, modelId, deserializer(registry));
  }

  /**
   * The newest published weights of {@code modelId}: its newest FULL snapshot and the newest DELTA against it;
   * empty if no FULL snapshot of it is on the topic.
   */
  public static Optional<PublishedModel> latestModel(Properties kafkaProps, String topic, String modelId,
                                                     Deserializer<ModelSnapshot> values) {
    ModelSnapshot[] newestFull = new ModelSnapshot[1];
    ModelSnapshot[] newestDelta = new ModelSnapshot[1];
    new SnapshotTopicScan(kafkaProps, topic, modelId, values, LOOKBACK).run(
        s -> {
          ModelSnapshot[] slot = s.getKind() == SnapshotKind.FULL ? newestFull : newestDelta;
          if (slot[0] == null || PublishedModel.versionOf(s).isAfter(PublishedModel.versionOf(slot[0]))) {
            slot[0] = s;
          }
        },
        // Within a partition a model's versions grow with the offset: once a partition shows a version at or
        // below the newest FULL found, everything further back is older than that FULL and its deltas.
        seen -> newestFull[0] == null || seen.oldest == null
            || seen.oldest.isAfter(PublishedModel.versionOf(newestFull[0])));
    if (newestFull[0] == null) {
      return Optional.empty();
    }
    ModelSnapshot delta = newestDelta[0];
    ModelVersion fullVersion = PublishedModel.versionOf(newestFull[0]);
    boolean deltaFits = delta != null && delta.getBaseEpoch() != null && delta.getBaseVersion() != null
        && fullVersion.equals(new ModelVersion(delta.getBaseEpoch(), delta.getBaseVersion()))
        && PublishedModel.versionOf(delta).isAfter(fullVersion);
    return Optional.of(new PublishedModel(newestFull[0], deltaFits ? delta : null));
  }

  /** {@link #latestModel(Properties, String, String, Deserializer)} decoding with the registry at {@code registry}. */
  public static Optional<PublishedModel> latestModel(Properties kafkaProps, String topic, String modelId,
                                                     RegistryConfig registry) {
    return latestModel(kafkaProps, topic, modelId, deserializer(registry));
  }

  private static Deserializer<ModelSnapshot> deserializer(RegistryConfig registry) {
    if (registry == null) {
      throw new IllegalArgumentException("registry config is null");
    }
    return new AvroKafkaDeserializer<>(SchemaRegistries.connect(registry), ModelSnapshot.class);
  }
}
