package io.streamnet.jobs.task.reco;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.snapshot.ModelContent;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The recommendation task's examples ({@link RecoExample}) handed to nn-core's {@link RecoLearner}. */
final class RecoTaskLearner implements OnlineLearner<RecoExample> {
  private final RecoLearner learner;
  private final List<InteractionEvent> events = new ArrayList<>();

  RecoTaskLearner(RecoLearner learner) {
    this.learner = learner;
  }

  RecoLearner learner() {
    return learner;
  }

  @Override
  public TrainResult step(List<RecoExample> batch, double maxLoss) {
    events.clear();
    for (RecoExample e : batch) {
      events.add(e.event());
    }
    return learner.step(events, maxLoss);
  }

  @Override
  public int lastExampleLosses(double[] out) {
    return learner.lastExampleLosses(out);
  }

  @Override
  public Map<String, Double> metrics() {
    return learner.metrics();
  }

  @Override
  public long evaluated() {
    return learner.events();
  }

  @Override
  public long steps() {
    return learner.steps();
  }

  @Override
  public long trainedExamples() {
    return learner.trainedEvents();
  }

  @Override
  public ModelContent content() {
    return learner.model();
  }

  @Override
  public byte[] encodeModel() {
    return learner.model().encode();
  }

  @Override
  public void restoreModel(byte[] model) {
    learner.restoreModel(model);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    learner.writeState(out);
  }
}
