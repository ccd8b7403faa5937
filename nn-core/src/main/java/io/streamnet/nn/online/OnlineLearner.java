package io.streamnet.nn.online;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.snapshot.ModelContent;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A model that learns from a stream, test-then-train: each minibatch is first scored by the model as it was before
 * the batch (the prequential evaluation), then learned from. What a trainer drives, whatever the task; the trainer
 * owns batching, timing, the divergence guard's verdicts, versions and checkpoints. Not thread-safe.
 *
 * @param <E> the task's examples
 */
public interface OnlineLearner<E extends StreamExample> {

  /**
   * Scores every example of {@code batch} with the current model and counts the scores, then trains on the batch
   * unless its loss is above {@code maxLoss} (or not finite): then nothing of the model changes.
   *
   * @throws io.streamnet.nn.network.InvalidBatchException for invalid examples, naming the field and the example
   */
  TrainResult step(List<E> batch, double maxLoss);

  /**
   * The prequential loss of each example of the last {@link #step} (scored before the step trained), in order, into
   * {@code out} (sized for the batch); returns how many it wrote. A learner that cannot tell them apart writes none,
   * and drift detection then watches the batch's loss.
   */
  default int lastExampleLosses(double[] out) {
    return 0;
  }

  /** The prequential figures so far by name (NaN while undefined), always the same names in the same order. */
  Map<String, Double> metrics();

  /** Examples scored so far. */
  long evaluated();

  /** Training steps applied to the model so far. */
  long steps();

  /** Examples the model has been trained on (in applied steps). */
  long trainedExamples();

  /** What snapshots of the model carry; a new object after {@link #restoreModel}. */
  ModelContent content();

  /** The model's whole training state (weights, optimizer slots, step, generator, ...), for checkpoints. */
  byte[] encodeModel();

  /** Goes back to a model {@link #encodeModel} encoded (a rollback); the evaluation keeps counting. */
  void restoreModel(byte[] model);

  /** Everything the learner keeps besides the model (its evaluation, per-user state, ...), for checkpoints. */
  void writeState(DataOutputStream out) throws IOException;
}
