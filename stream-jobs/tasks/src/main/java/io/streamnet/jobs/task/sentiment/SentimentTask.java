package io.streamnet.jobs.task.sentiment;

import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.Featurizer;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.explain.TextExplainer;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.online.BinaryEvaluator;
import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.online.TextExample;
import io.streamnet.nn.online.TextLearner;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Sentiment of text: a labeled {@link ReviewEvent} becomes hashed n-gram ids with a 0/1 label, a network learns them
 * ({@link TextLearner}: accuracy, log-loss and windowed AUC, test-then-train), and a request (a ReviewEvent without
 * label) is answered with a {@link SentimentScore}, the probability that the text is positive.
 */
public final class SentimentTask implements Task<ReviewEvent, TextExample, ReviewEvent, Void, SentimentScore> {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "sentiment";

  private final TextFeatures features;
  private final String networkSpecJson;
  private final int aucWindow;
  private final int explainTopK;
  private transient volatile NetworkSpec spec;

  /** A task whose answers carry no explanation. */
  public SentimentTask(TextFeatures features, String networkSpecJson, int aucWindow) {
    this(features, networkSpecJson, aucWindow, 0);
  }

  /**
   * @param features        text to ids
   * @param networkSpecJson the network, canonical JSON ({@link NetworkSpec#toJson()})
   * @param aucWindow       events in the windowed accuracy and AUC
   * @param explainTopK     tokens in each answer's explanation, 0 for none ({@link SentimentAnswerer})
   * @throws IllegalArgumentException if explanations are asked of a network they cannot explain
   */
  public SentimentTask(TextFeatures features, String networkSpecJson, int aucWindow, int explainTopK) {
    this.features = Objects.requireNonNull(features, "features");
    this.networkSpecJson = Objects.requireNonNull(networkSpecJson, "networkSpecJson");
    if (aucWindow < 1) {
      throw new IllegalArgumentException("aucWindow must be >= 1, got " + aucWindow);
    }
    if (explainTopK < 0) {
      throw new IllegalArgumentException("explainTopK must be >= 0, got " + explainTopK);
    }
    this.aucWindow = aucWindow;
    this.explainTopK = explainTopK;
    if (explainTopK > 0) {
      try {
        new TextExplainer(networkSpec(), features.config(), 1);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("answers with explanations (scorer.explain_top_k > 0) need a bag model: "
            + e.getMessage(), e);
      }
    }
  }

  /** The task a snapshot describes, for serving it (the evaluation window is irrelevant there). */
  public static SentimentTask serving(ModelDescriptor d) {
    return new SentimentTask(TextFeatures.fromJson(d.taskSpecJson()), d.modelSpecJson(), 1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<ReviewEvent> labeledType() {
    return ReviewEvent.class;
  }

  @Override
  public Class<ReviewEvent> requestType() {
    return ReviewEvent.class;
  }

  @Override
  public Class<SentimentScore> answerType() {
    return SentimentScore.class;
  }

  @Override
  public ModelDescriptor descriptor() {
    return new ModelDescriptor(NAME, features.toJson(), networkSpecJson);
  }

  public TextFeatures features() {
    return features;
  }

  /** The network spec, parsed once. */
  public NetworkSpec networkSpec() {
    NetworkSpec s = spec;
    if (s == null) {
      s = NetworkSpec.fromJson(networkSpecJson);
      spec = s;
    }
    return s;
  }

  @Override
  public Featurizer<ReviewEvent, TextExample> newFeaturizer() {
    TextHashingFeaturizer featurizer = new TextHashingFeaturizer(features.config());
    IdBuffer ids = new IdBuffer(1024);
    return (review, ingestedAt) -> {
      // a reused buffer: only the example's own array is allocated, not the growing ones of a fresh buffer
      ids.clear();
      featurizer.featurize(review.getText(), ids);
      return new TextExample(review.getId(), ids.toArray(), review.getLabel(), ingestedAt);
    };
  }

  @Override
  public ExampleCodec<TextExample> exampleCodec() {
    return TextExample.CODEC;
  }

  @Override
  public OnlineLearner<TextExample> newLearner(byte[] modelState) {
    Network network = modelState == null ? Network.build(networkSpec()) : ModelStateCodec.decode(modelState);
    if (!network.spec().equals(networkSpec())) {
      throw new IllegalArgumentException("the model state's network spec differs from the task's");
    }
    return new TextLearner(network, features.inputName(), new BinaryEvaluator(aucWindow));
  }

  @Override
  public OnlineLearner<TextExample> restoreLearner(byte[] modelState, DataInputStream learnerState)
      throws IOException {
    TextLearner learner = TextLearner.restore(modelState, learnerState, features.inputName());
    if (!learner.network().spec().equals(networkSpec())) {
      throw new IllegalArgumentException("the checkpointed model's network spec differs from the configured one;"
          + " restore with the spec it was trained with, or start from a model file (warm_start)");
    }
    return learner;
  }

  @Override
  public ServingModel newServingModel(String modelSpecJson) {
    return new TextServingModel(modelSpecJson, features.inputName());
  }

  @Override
  public Answerer<ReviewEvent, Void, SentimentScore> newAnswerer() {
    return new SentimentAnswerer(features, explainTopK);
  }

  @Override
  public String requestId(ReviewEvent request) {
    return request.getId();
  }
}
