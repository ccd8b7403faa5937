package io.streamnet.jobs.task.reco;

import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.Featurizer;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.reco.RecoLearnerSpec;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Recommendation of items to users: an {@link Interaction} (a rating or a click) becomes an {@link InteractionEvent};
 * nn-core's {@link RecoLearner} ranks each positive exactly among the items the user has not interacted with, predicts
 * each rating (HR@K, NDCG@K, RMSE, test-then-train), then learns; a {@link RecoRequest} is answered with a
 * {@link Recommendation}, the user's top K. The scorer keeps each user's {@link UserHistory} (recent items, items
 * interacted with), fed by the interactions, so answers exclude what the user has seen and follow their latest taste.
 */
public final class RecommendationTask
    implements KeyedTask<Interaction, RecoExample, RecoRequest, UserHistory, Recommendation> {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "recommendation";
  /** Nothing beyond the model spec: users and items are raw ids. */
  static final String TASK_SPEC = "{}";

  private final String modelSpecJson;
  private final int maxUsers;
  private final int topK;
  private final long rmseWarmUp;
  private transient volatile RecommenderSpec spec;

  /**
   * @param modelSpecJson the recommender ({@link RecommenderSpec#toJson()})
   * @param maxUsers      users whose histories the learner keeps
   * @param topK          K of the prequential HR@K and NDCG@K
   * @param rmseWarmUp    first ratings not counted in the prequential RMSE
   */
  public RecommendationTask(String modelSpecJson, int maxUsers, int topK, long rmseWarmUp) {
    this.modelSpecJson = modelSpecJson;
    this.maxUsers = maxUsers;
    this.topK = topK;
    this.rmseWarmUp = rmseWarmUp;
    learnerSpec(); // fails now, not in an operator, when a setting is wrong
  }

  /** The task of the learner spec {@code learner}. */
  public static RecommendationTask of(RecoLearnerSpec learner) {
    return new RecommendationTask(learner.model().toJson(), learner.maxUsers(), learner.topK(), learner.rmseWarmUp());
  }

  /** The task a snapshot describes, for serving it (the learner's settings are irrelevant there). */
  public static RecommendationTask serving(ModelDescriptor d) {
    return new RecommendationTask(d.modelSpecJson(), RecoLearnerSpec.MIN_USERS, 10, 0);
  }

  /** The recommender's spec, parsed once. */
  public RecommenderSpec modelSpec() {
    RecommenderSpec s = spec;
    if (s == null) {
      s = RecommenderSpec.fromJson(modelSpecJson);
      spec = s;
    }
    return s;
  }

  RecoLearnerSpec learnerSpec() {
    return new RecoLearnerSpec(modelSpec(), maxUsers, topK, rmseWarmUp);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Interaction> labeledType() {
    return Interaction.class;
  }

  @Override
  public Class<RecoRequest> requestType() {
    return RecoRequest.class;
  }

  @Override
  public Class<Recommendation> answerType() {
    return Recommendation.class;
  }

  @Override
  public ModelDescriptor descriptor() {
    return new ModelDescriptor(NAME, TASK_SPEC, modelSpecJson);
  }

  @Override
  public Featurizer<Interaction, RecoExample> newFeaturizer() {
    return (i, ingestedAt) -> {
      long time = i.getEventTime().toEpochMilli();
      return new RecoExample(RecoExample.interactionId(i.getUserId(), i.getItemId(), time), ingestedAt,
          event(i, time));
    };
  }

  private static InteractionEvent event(Interaction i, long eventTimeMillis) {
    return new InteractionEvent(i.getUserId(), i.getItemId(), i.getRating() == null ? Float.NaN : i.getRating(),
        i.getClicked(), eventTimeMillis);
  }

  @Override
  public ExampleCodec<RecoExample> exampleCodec() {
    return RecoExample.CODEC;
  }

  @Override
  public OnlineLearner<RecoExample> newLearner(byte[] modelState) {
    RecoLearner learner = new RecoLearner(learnerSpec());
    if (modelState != null) {
      learner.restoreModel(modelState);
    }
    return new RecoTaskLearner(learner);
  }

  @Override
  public OnlineLearner<RecoExample> restoreLearner(byte[] modelState, DataInputStream learnerState)
      throws IOException {
    return new RecoTaskLearner(RecoLearner.restore(learnerSpec(), modelState, learnerState));
  }

  @Override
  public ServingModel newServingModel(String specJson) {
    return new RecoServingModel(specJson);
  }

  @Override
  public Answerer<RecoRequest, UserHistory, Recommendation> newAnswerer() {
    return new RecoAnswerer();
  }

  @Override
  public String requestId(RecoRequest request) {
    return request.getRequestId();
  }

  @Override
  public long requestKey(RecoRequest request) {
    return request.getUserId();
  }

  @Override
  public long labeledKey(Interaction labeled) {
    return labeled.getUserId();
  }

  @Override
  public UserHistory emptyContext() {
    return new UserHistory(modelSpec().history());
  }

  @Override
  public UserHistory update(UserHistory history, Interaction labeled) {
    InteractionEvent e = event(labeled, labeled.getEventTime().toEpochMilli());
    history.record(e.itemId(), e.isPositive(modelSpec().ratings().positiveAt()));
    return history;
  }

  @Override
  public byte[] encodeContext(UserHistory history) {
    return history.encode();
  }

  @Override
  public UserHistory decodeContext(byte[] bytes) {
    return UserHistory.decode(bytes);
  }
}
