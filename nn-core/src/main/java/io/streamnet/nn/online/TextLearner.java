package io.streamnet.nn.online;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.tensor.SparseIds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A binary text classifier learning online: hashed n-gram ids into one sparse input of a {@link Network}, a 0/1
 * label, evaluated by a {@link BinaryEvaluator}. Without dropout the training forward pass gives the pre-update
 * scores; with dropout a separate inference pass scores first, so scores never include dropout noise.
 */
public final class TextLearner implements OnlineLearner<TextExample> {
  private final String inputName;
  private final BinaryEvaluator evaluator;
  private Network network;
  private Batch batch;
  private SparseIds bag;
  private boolean scoreBeforeTraining;
  private float[] scores = new float[32];
  private float[] labels = new float[32];
  private int lastBatch;

  /**
   * @param network   the model, trainable
   * @param inputName the network's sparse input that receives the ids
   * @param evaluator counts the scores (a new one, or one restored with {@link #restore})
   */
  public TextLearner(Network network, String inputName, BinaryEvaluator evaluator) {
    if (!network.trainable()) {
      throw new IllegalArgumentException("a learner needs a trainable network, not one built for scoring");
    }
    this.inputName = inputName;
    this.evaluator = evaluator;
    use(network);
  }

  /** A learner continuing from checkpointed bytes: {@link #encodeModel} and {@link #writeState}'s. */
  public static TextLearner restore(byte[] model, DataInputStream state, String inputName) throws IOException {
    return new TextLearner(ModelStateCodec.decode(model), inputName, BinaryEvaluator.read(state));
  }

  private void use(Network net) {
    network = net;
    batch = net.newBatch();
    bag = batch.sparse(inputName);
    scoreBeforeTraining = net.spec().layers().stream().anyMatch(l -> l instanceof LayerSpec.Dropout);
  }

  @Override
  public TrainResult step(List<TextExample> examples, double maxLoss) {
    int n = examples.size();
    if (scores.length < n) {
      scores = new float[Math.max(n, 2 * scores.length)];
      labels = new float[scores.length];
    }
    lastBatch = n;
    batch.start(n);
    for (int i = 0; i < n; i++) {
      TextExample e = examples.get(i);
      bag.addExample(e.ids, 0, e.ids.length);
      batch.targets().set(i, e.label);
    }
    if (scoreBeforeTraining) {
      network.predict(batch, scores);
    }
    TrainResult result = network.trainBatch(batch, maxLoss);
    if (!scoreBeforeTraining) {
      System.arraycopy(network.lastTrainingPredictions().data(), 0, scores, 0, n);
    }
    for (int i = 0; i < n; i++) {
      labels[i] = examples.get(i).label;
      evaluator.update(scores[i], labels[i]);
    }
    return result;
  }

  /** Each example's log-loss, clipped as the evaluator's. */
  @Override
  public int lastExampleLosses(double[] out) {
    for (int i = 0; i < lastBatch; i++) {
      out[i] = BinaryEvaluator.logLoss(scores[i], labels[i]);
    }
    return lastBatch;
  }

  @Override
  public Map<String, Double> metrics() {
    return evaluator.figures();
  }

  @Override
  public long evaluated() {
    return evaluator.count();
  }

  @Override
  public long steps() {
    return network.optimizer().steps();
  }

  @Override
  public long trainedExamples() {
    return network.counters().trainedExamples();
  }

  @Override
  public ModelContent content() {
    return network;
  }

  @Override
  public byte[] encodeModel() {
    return ModelStateCodec.encode(network);
  }

  @Override
  public void restoreModel(byte[] model) {
    Network restored = ModelStateCodec.decode(model);
    if (!restored.spec().equals(network.spec())) {
      throw new IllegalArgumentException("the model to restore has another network spec than the learner's");
    }
    use(restored);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    evaluator.write(out);
  }

  /** The evaluation so far. */
  public BinaryEvaluator evaluator() {
    return evaluator;
  }

  /** The live network (tests, warm starts). */
  public Network network() {
    return network;
  }
}
