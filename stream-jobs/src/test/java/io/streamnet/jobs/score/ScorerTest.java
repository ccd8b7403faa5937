package io.streamnet.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.Featurizer;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.online.TextExample;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.core.fs.CloseableRegistry;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.state.DefaultOperatorStateBackendBuilder;
import org.junit.jupiter.api.Test;

/** What the scorer's gauges say while the first model is installed, and how its requests are counted. */
class ScorerTest {

  /** Gauges by name, as a reporter reads them. */
  static final class GaugeGroup extends UnregisteredMetricsGroup {
    final Map<String, Gauge<?>> gauges = new HashMap<>();

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
      gauges.put(name, gauge);
      return gauge;
    }

    double value(String name) {
      return ((Number) gauges.get(name).getValue()).doubleValue();
    }
  }

  /**
   * A client that sends requests once the gauge shows a version must find them served, not counted as having waited
   * for the first model: the gauge shows a version only after the scorer has built its copies and taken the first
   * model's time.
   */
  @Test
  void theGaugeShowsTheFirstVersionOnlyOnceTheScorerCanAnswerWithIt() throws Exception {
    GaugeGroup group = new GaugeGroup();
    List<Double> gaugeWhileCopying = new ArrayList<>();
    SentimentTask sentiment = ScorerFunctionTest.task();
    // The scorer builds two copies of the first FULL version's model: the one it fills, and after the version
    // completes, the back copy. The second call is where the gauge was read too early.
    Task<ReviewEvent, TextExample, ReviewEvent, Void, SentimentScore> task = new ObservedTask(sentiment, () -> {
      if (group.gauges.containsKey("modelVersion")) {
        gaugeWhileCopying.add(group.value("modelVersion"));
      }
    });
    Scorer<ReviewEvent, Void, SentimentScore> scorer = new Scorer<>("m", task, System.currentTimeMillis());
    scorer.register(group);
    BroadcastState<String, ModelPart> state = new DefaultOperatorStateBackendBuilder(getClass().getClassLoader(),
        new ExecutionConfig(), false, List.of(), new CloseableRegistry()).build()
        .getBroadcastState(ScorerFunction.MODEL_STATE);

    List<ModelPart> parts = ScorerFunctionTest.snapshot(Network.build(ScorerFunctionTest.spec()), 1, 1);
    boolean completed = false;
    for (ModelPart p : parts) {
      completed = scorer.accept(p, state);
    }
    assertTrue(completed, "the version completed");
    assertEquals(List.of(0.0, 0.0), gaugeWhileCopying, "no version reported while its copies are built");
    assertEquals(1.0, group.value("modelVersion"), "version 1 reported once served");

    // A request stamped once the gauge shows the version was sent after the scorer could answer: served, not waited.
    scorer.answer(ScorerFunctionTest.request("a", "a fine film"), null, System.currentTimeMillis());
    assertEquals(0.0, group.value("bufferedScored"), "a request sent once the version is reported did not wait");
    assertEquals(1.0, group.value("scored"));
    assertFalse(Double.isNaN(group.value("latencyP99Ms")), "its latency is a served one");
  }

  /** The sentiment task, with a hook run whenever a serving copy of the model is built. */
  record ObservedTask(SentimentTask delegate, Runnable onCopy)
      implements Task<ReviewEvent, TextExample, ReviewEvent, Void, SentimentScore> {
    @Override
    public ServingModel newServingModel(String modelSpecJson) {
      onCopy.run();
      return delegate.newServingModel(modelSpecJson);
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Class<ReviewEvent> labeledType() {
      return delegate.labeledType();
    }

    @Override
    public Class<ReviewEvent> requestType() {
      return delegate.requestType();
    }

    @Override
    public Class<SentimentScore> answerType() {
      return delegate.answerType();
    }

    @Override
    public ModelDescriptor descriptor() {
      return delegate.descriptor();
    }

    @Override
    public Featurizer<ReviewEvent, TextExample> newFeaturizer() {
      return delegate.newFeaturizer();
    }

    @Override
    public ExampleCodec<TextExample> exampleCodec() {
      return delegate.exampleCodec();
    }

    @Override
    public OnlineLearner<TextExample> newLearner(byte[] modelState) {
      return delegate.newLearner(modelState);
    }

    @Override
    public OnlineLearner<TextExample> restoreLearner(byte[] modelState, DataInputStream learnerState)
        throws IOException {
      return delegate.restoreLearner(modelState, learnerState);
    }

    @Override
    public Answerer<ReviewEvent, Void, SentimentScore> newAnswerer() {
      return delegate.newAnswerer();
    }

    @Override
    public String requestId(ReviewEvent request) {
      return delegate.requestId(request);
    }
  }
}
