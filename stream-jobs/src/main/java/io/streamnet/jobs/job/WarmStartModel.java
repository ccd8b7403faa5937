package io.streamnet.jobs.job;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.WarmStart;
import io.streamnet.jobs.model.PublishedModel;
import io.streamnet.jobs.model.PublishedVersions;
import io.streamnet.jobs.model.SnapshotFiles;
import io.streamnet.jobs.model.StoredModel;
import io.streamnet.jobs.model.WarmStartFile;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.train.InitialModel;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.ParameterSnapshot;
import io.streamnet.nn.network.Transfer;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.spec.TransferSpec;
import io.streamnet.nn.state.ModelStateCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a trainer without checkpointed state starts from ({@code warm_start.from}): a fresh model, a model
 * file (the whole model state: weights and optimizer slots), the newest file in the snapshot directory, or the
 * newest published weights on the snapshot topic (weights only: the optimizer slots start afresh); with
 * {@code warm_start.layers}, only those layers' weights from a model file into a fresh model. A warm start that finds
 * nothing falls back to a fresh model and says so in the log; a named file that is missing is an error.
 */
final class WarmStartModel implements InitialModel {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WarmStartModel.class);

  private final WarmStart warmStart;
  private final String snapshotDirectory;
  private final Properties kafka;
  private final String topic;
  private final String modelId;
  private final RegistryConfig registry;
  /** The job's snapshot signing key: a published model must carry its signature; null when unsigned. */
  private final SigningKey signing;

  private WarmStartModel(WarmStart warmStart, String snapshotDirectory, Properties kafka, String topic,
                         String modelId, RegistryConfig registry, SigningKey signing) {
    this.warmStart = warmStart;
    this.snapshotDirectory = snapshotDirectory;
    this.kafka = kafka;
    this.topic = topic;
    this.modelId = modelId;
    this.registry = registry;
    this.signing = signing;
  }

  static InitialModel of(JobConfig c) {
    if (c.warmStart().kind() == WarmStart.Kind.NONE) {
      return InitialModel.fresh();
    }
    if (c.warmStart().kind() == WarmStart.Kind.LATEST_FILE && c.snapshots().directory() == null) {
      throw new IllegalArgumentException("warm_start.from: latest_file needs snapshots.directory");
    }
    return new WarmStartModel(c.warmStart(), c.snapshots().directory(), c.kafka().clientProperties(),
        c.topics().snapshots(), c.job().modelId(), c.registry().registryConfig(), c.snapshots().signing());
  }

  @Override
  public byte[] modelState(Task<?, ?, ?, ?, ?> task) {
    try {
      return switch (warmStart.kind()) {
        case NONE -> null;
        case FILE -> fromFile(WarmStartFile.read(warmStart.uri()), task);
        case LATEST_FILE -> {
          Optional<StoredModel> latest = new SnapshotFiles(snapshotDirectory, Integer.MAX_VALUE).latest();
          if (latest.isEmpty()) {
            LOG.info("warm start: no model file in {}; starting from a fresh model", snapshotDirectory);
            yield null;
          }
          yield fromFile(latest.get(), task);
        }
        case TOPIC -> {
          Optional<PublishedModel> published = PublishedVersions.latestModel(kafka, topic, modelId, registry);
          if (published.isEmpty()) {
            LOG.info("warm start: no published model '{}' on {}; starting from a fresh model", modelId, topic);
            yield null;
          }
          if (!published.get().task().equals(task.name())) {
            throw new IllegalStateException("warm start: model '" + modelId + "' on " + topic + " is a "
                + published.get().task() + " model, the job's task is " + task.name());
          }
          if (!signedBy(published.get(), signing)) {
            throw new IllegalStateException("warm start: model '" + modelId + "' on " + topic + " version "
                + published.get().version() + " is not signed by key '" + signing.id() + "' (snapshots.signing)");
          }
          yield fromTopic(published.get(), task);
        }
        case LATEST -> latest(task);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("warm start from " + warmStart.from() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The newer of the newest model file and the newest published version (the file on a tie: it also holds the
   * optimizer's state), among those that fit the job's model; null when neither does.
   */
  private byte[] latest(Task<?, ?, ?, ?, ?> task) throws IOException {
    Optional<StoredModel> file = snapshotDirectory == null ? Optional.empty()
        : new SnapshotFiles(snapshotDirectory, Integer.MAX_VALUE).latest();
    if (file.isPresent() && !fits(task, file.get())) {
      file = Optional.empty();
    }
    Optional<PublishedModel> published = PublishedVersions.latestModel(kafka, topic, modelId, registry);
    if (published.isPresent() && !(published.get().task().equals(task.name())
        && published.get().full().getNetworkSpec().equals(task.descriptor().modelSpecJson()))) {
      LOG.info("warm start: the newest model '{}' on {} ({}) is of another task or spec than the job's; not used",
          modelId, topic, published.get().version());
      published = Optional.empty();
    }
    if (published.isPresent() && !signedBy(published.get(), signing)) {
      LOG.warn("warm start: the newest model '{}' on {} ({}) is not signed by key '{}' (snapshots.signing); not used",
          modelId, topic, published.get().version(), signing.id());
      published = Optional.empty();
    }
    if (file.isPresent() && (published.isEmpty() || !published.get().version().isAfter(file.get().version()))) {
      return fromFile(file.get(), task);
    }
    if (published.isPresent()) {
      return fromTopic(published.get(), task);
    }
    LOG.info("warm start: no earlier model '{}' on {}{}; starting from a fresh model", modelId, topic,
        snapshotDirectory == null ? "" : " or in " + snapshotDirectory);
    return null;
  }

  /** Whether {@code p}'s snapshots carry valid signatures by {@code key}; always when the job does not sign. */
  static boolean signedBy(PublishedModel p, SigningKey key) {
    if (key == null) {
      return true;
    }
    Map<String, SigningKey> keys = Map.of(key.id(), key);
    return SnapshotSignature.verify(p.full(), keys) == SnapshotSignature.Verdict.VALID
        && (p.delta() == null || SnapshotSignature.verify(p.delta(), keys) == SnapshotSignature.Verdict.VALID);
  }

  /** Whether a model file holds the job's model (a changed spec does not fit). */
  private boolean fits(Task<?, ?, ?, ?, ?> task, StoredModel stored) {
    try {
      task.newLearner(stored.modelState());
      return true;
    } catch (RuntimeException e) {
      LOG.info("warm start: model file {} does not fit the job's model ({}); not used", stored.path(),
          e.getMessage());
      return false;
    }
  }

  private byte[] fromTopic(PublishedModel published, Task<?, ?, ?, ?, ?> task) {
    OnlineLearner<?> learner = task.newLearner(null);
    published.applyTo(learner.content());
    LOG.info("warm start: model '{}' from {} version {} (weights; optimizer slots start afresh)", modelId, topic,
        published.version());
    return learner.encodeModel();
  }

  private byte[] fromFile(StoredModel stored, Task<?, ?, ?, ?, ?> task) {
    if (warmStart.partial()) {
      return partial(stored, task);
    }
    LOG.info("warm start: {}", stored.describe());
    return stored.modelState();
  }

  /**
   * A fresh model of the job's spec with the weights of {@code warm_start.layers} copied from the file's model, which
   * may have another spec (transfer learning). Every check runs before anything is copied.
   */
  private byte[] partial(StoredModel stored, Task<?, ?, ?, ?, ?> task) {
    OnlineLearner<?> learner = task.newLearner(null);
    if (!(learner.content() instanceof Network target)) {
      throw new IllegalStateException("warm_start.layers: the " + task.name() + " model is not a layer network");
    }
    ParameterSnapshot source;
    try {
      source = ModelStateCodec.decode(stored.modelState()).copyParameters();
    } catch (RuntimeException e) {
      throw new IllegalStateException("warm start: " + stored.path() + " does not hold a layer network's state: "
          + e.getMessage(), e);
    }
    Transfer.copy(target, source, new TransferSpec(stored.path().toString(), warmStart.layers()),
        stored.path().toString(), "warm_start");
    LOG.info("warm start: layers {} from {}; the others fresh from the job's spec, the optimizer afresh",
        warmStart.layers(), stored.describe());
    return learner.encodeModel();
  }
}
