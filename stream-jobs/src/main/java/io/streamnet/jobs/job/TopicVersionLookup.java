package io.streamnet.jobs.job;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.jobs.model.PublishedVersions;
import io.streamnet.jobs.train.PublishedVersionLookup;
import java.util.Optional;
import java.util.Properties;

/** The newest version committed on the model's snapshot topic (read_committed). */
final class TopicVersionLookup implements PublishedVersionLookup {
  private static final long serialVersionUID = 1L;
  private final Properties kafka;
  private final String topic;
  private final String modelId;
  private final RegistryConfig registry;

  private TopicVersionLookup(Properties kafka, String topic, String modelId, RegistryConfig registry) {
    this.kafka = kafka;
    this.topic = topic;
    this.modelId = modelId;
    this.registry = registry;
  }

  static TopicVersionLookup of(JobConfig c) {
    return new TopicVersionLookup(c.kafka().clientProperties(), c.topics().snapshots(), c.job().modelId(),
        c.registry().registryConfig());
  }

  @Override
  public Optional<ModelVersion> latest() {
    return PublishedVersions.latest(kafka, topic, modelId, registry);
  }
}
