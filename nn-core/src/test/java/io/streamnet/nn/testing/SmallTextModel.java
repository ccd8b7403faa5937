package io.streamnet.nn.testing;

import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.SparseIds;
import java.util.SplittableRandom;

/**
 * A small sentiment-like model (hashed n-grams -> EmbeddingBag -> Dense -> Dense 1) and a seeded stream of short
 * labeled sentences to train it on, for tests that need real training updates (sparse embedding rows, dense layers).
 */
public final class SmallTextModel {

  public static final int BUCKETS = 4096;
  public static final String SPEC_YAML = """
      name: small-text
      seed: 7
      inputs:
        - {name: tokens, type: sparse_ids, vocab: 4096}
      layers:
        - {type: embedding_bag, name: emb, input: tokens, dim: 16, mode: mean, init: {type: normal, std: 0.1}}
        - {type: dense, name: hidden, units: 8, activation: relu}
        - {type: dense, name: out, units: 1}
      loss: bce_with_logits
      optimizer: {type: adam, lr: 0.01}
      """;

  private static final String[] POSITIVE = {"good", "great", "lovely", "superb", "fine", "enjoyable"};
  private static final String[] NEGATIVE = {"bad", "awful", "boring", "poor", "dull", "terrible"};
  private static final String[] NEUTRAL = {"the", "film", "plot", "actor", "scene", "was", "and", "a", "story",
      "music", "ending", "cast", "very", "quite", "rather", "director"};

  private final TextHashingFeaturizer featurizer = new TextHashingFeaturizer(new TextHashingConfig(BUCKETS, 1, 2, false, 0));
  private final SplittableRandom random;

  public SmallTextModel(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public static NetworkSpec spec() {
    return NetworkSpec.fromYaml(SPEC_YAML);
  }

  public static Network build() {
    return Network.build(spec());
  }

  /** Trains {@code batches} minibatches of {@code size} fresh sentences. */
  public void train(Network net, int batches, int size) {
    Batch batch = net.newBatch();
    SparseIds bag = batch.sparse("tokens");
    for (int b = 0; b < batches; b++) {
      batch.start(size);
      for (int i = 0; i < size; i++) {
        boolean positive = random.nextBoolean();
        int[] ids = featurizer.featurize(sentence(positive));
        bag.addExample(ids, 0, ids.length);
        batch.targets().set(i, positive ? 1f : 0f);
      }
      TrainResult r = net.trainBatch(batch);
      if (r.status() != TrainStatus.TRAINED) {
        throw new AssertionError("training batch " + b + " was not applied: " + r);
      }
    }
  }

  private String sentence(boolean positive) {
    StringBuilder s = new StringBuilder();
    int words = 4 + random.nextInt(6);
    for (int w = 0; w < words; w++) {
      s.append(NEUTRAL[random.nextInt(NEUTRAL.length)]).append(' ');
    }
    String[] mood = positive ? POSITIVE : NEGATIVE;
    s.append(mood[random.nextInt(mood.length)]);
    return s.toString();
  }
}
