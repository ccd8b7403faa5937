package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.ImdbReader;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.Sst2Reader;
import io.streamnet.nn.data.UciSentencesReader;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentiment job's default model ({@code stream-jobs/.../sentiment-model.yaml}, read as a file: nn-core cannot
 * see the job's class path) and real text streams in their canonical order, featurized as the job does, for tests
 * that replay them through a {@link TextLearner} as the job's trainer would.
 */
final class JobModelStreams {
  static final Path JOB_MODEL =
      Path.of("../stream-jobs/src/main/resources/io/streamnet/jobs/config/sentiment-model.yaml");
  /** The canonical order's seed; {@code -Dstreamnet.replay.seed=N} replays another order (docs/BENCHMARKS.md). */
  static final int SEED = Integer.getInteger("streamnet.replay.seed", 42);

  private static RunnerSpec jobModel;

  private JobModelStreams() {}

  static synchronized RunnerSpec jobModel() {
    if (jobModel == null) {
      assertTrue(Files.isRegularFile(JOB_MODEL), "the job's default model spec " + JOB_MODEL.toAbsolutePath()
          + " (these tests run in nn-core's directory of the repository)");
      jobModel = RunnerSpec.load(JOB_MODEL);
    }
    return jobModel;
  }

  /** The job's batch size. */
  static int batchSize() {
    return jobModel().batchSize();
  }

  /** A fresh learner of the job's default model. */
  static TextLearner newLearner() {
    RunnerSpec spec = jobModel();
    FeatureSpec.TextHashing features = (FeatureSpec.TextHashing) spec.features();
    return new TextLearner(Network.build(spec.network()), features.input(), new BinaryEvaluator(10_000));
  }

  /** The dataset's canonical stream, featurized (at most {@code limit} events, 0: all); null when it is absent. */
  static List<TextExample> stream(Dataset dataset, int limit) {
    DataLocator data = DataLocator.fromEnvironment();
    Path path = data.locateOrNull(dataset);
    if (path == null) {
      return null;
    }
    List<LabeledText> fileOrder = switch (dataset) {
      case UCI -> UciSentencesReader.read(path);
      case SST2 -> Sst2Reader.read(path);
      case IMDB -> ImdbReader.read(path);
      case MOVIELENS, DIGINETICA -> throw new IllegalArgumentException("not a text dataset: " + dataset);
    };
    List<LabeledText> stream = CanonicalOrder.apply(fileOrder, SEED);
    int n = limit > 0 ? Math.min(limit, stream.size()) : stream.size();
    FeatureSpec.TextHashing features = (FeatureSpec.TextHashing) jobModel().features();
    TextHashingFeaturizer featurizer = new TextHashingFeaturizer(features.config());
    IdBuffer ids = new IdBuffer();
    List<TextExample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LabeledText t = stream.get(i);
      ids.clear();
      featurizer.featurize(t.text(), ids);
      out.add(new TextExample("e" + t.index(), ids.toArray(), t.label(), 0));
    }
    return out;
  }
}
