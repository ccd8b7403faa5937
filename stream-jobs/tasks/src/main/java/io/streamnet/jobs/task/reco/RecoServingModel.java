package io.streamnet.jobs.task.reco;

import io.streamnet.jobs.task.ServingModel;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.snapshot.IdTable;
import java.util.List;

/** A scoring copy of the recommender: snapshots install its weights and its item and user rows. */
final class RecoServingModel implements ServingModel {
  private final String specJson;
  private final Recommender model;

  RecoServingModel(String specJson) {
    this.specJson = specJson;
    this.model = Recommender.forScoring(RecommenderSpec.fromJson(specJson));
  }

  Recommender model() {
    return model;
  }

  @Override
  public List<Parameter> parameters() {
    return model.parameters();
  }

  @Override
  public List<IdTable> idTables() {
    return model.idTables();
  }

  @Override
  public void contentChanged() {
    model.contentChanged();
  }

  @Override
  public String modelSpecJson() {
    return specJson;
  }
}
