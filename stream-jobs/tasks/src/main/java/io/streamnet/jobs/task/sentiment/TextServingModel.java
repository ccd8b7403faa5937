package io.streamnet.jobs.task.sentiment;

import io.streamnet.jobs.task.ServingModel;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.SparseIds;
import java.util.List;

/** A scoring copy of the sentiment network with its one-example batch. */
final class TextServingModel implements ServingModel {
  private final String specJson;
  private final Network network;
  private final Batch batch;
  private final SparseIds bag;
  private final float[] out = new float[1];

  TextServingModel(String specJson, String inputName) {
    this.specJson = specJson;
    this.network = Network.forScoring(NetworkSpec.fromJson(specJson));
    this.batch = network.newBatch();
    this.bag = batch.sparse(inputName);
  }

  /** The probability that the text whose ids are {@code ids[0, n)} is positive. */
  float predict(int[] ids, int n) {
    batch.start(1);
    bag.addExample(ids, 0, n);
    network.predict(batch, out);
    return out[0];
  }

  /** The network that scores, for explanations (which read its weights). */
  Network network() {
    return network;
  }

  @Override
  public List<Parameter> parameters() {
    return network.parameters();
  }

  @Override
  public String modelSpecJson() {
    return specJson;
  }
}
