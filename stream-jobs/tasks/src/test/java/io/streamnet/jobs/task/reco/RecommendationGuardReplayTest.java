package io.streamnet.jobs.task.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.schema.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The divergence guard with the job's defaults over the recommendation job's default model, replaying MovieLens
 * latest-small in time order through the task's featurizer and learner, as the trainer does, twice: a clean stream is
 * never refused, on its first pass nor on its second (where every positive is an item the user already rated). The
 * sentiment streams' cases are nn-core's GuardedReplayTest; together they are the four datasets of the job.
 */
class RecommendationGuardReplayTest {

  @Test
  void movieLensIsNeverRefusedOnItsFirstPassNorOnASecond() {
    RecommendationTask task = RecommendationTask.of(RecoRunnerSpec.defaults().learner());
    var featurizer = task.newFeaturizer();
    List<RecoExample> stream = new ArrayList<>();
    for (Rating r : MovieLensReader.readInStreamOrder(DataLocator.fromEnvironment().locate(Dataset.MOVIELENS))) {
      stream.add(featurizer.example(new Interaction((long) r.userId(), (long) r.movieId(), r.rating(), null,
          Instant.ofEpochMilli(r.timestamp() * 1000)), 0));
    }
    OnlineLearner<RecoExample> learner = task.newLearner(null);
    DivergenceGuard guard = new DivergenceGuard(DivergenceGuard.Settings.defaults());
    int batch = RecoRunnerSpec.defaults().batchSize();
    for (int pass = 1; pass <= 2; pass++) {
      double max = 0;
      double maxOfCeiling = 0;
      long judged = 0;
      for (int from = 0; from + batch <= stream.size(); from += batch) {
        double ceiling = guard.ceiling();
        TrainResult result = learner.step(stream.subList(from, from + batch), ceiling);
        if (!Double.isNaN(result.loss())) {
          judged++;
          max = Math.max(max, result.loss());
          if (Double.isFinite(ceiling)) {
            maxOfCeiling = Math.max(maxOfCeiling, result.loss() / ceiling);
          }
        }
        guard.record(result);
      }
      System.out.printf(Locale.ROOT, "guard-replay movielens pass=%d judged_batches=%d loss_avg=%.4f loss_max=%.4f"
          + " max_loss_over_ceiling=%.3f%n", pass, judged, guard.averageLoss(), max, maxOfCeiling);
      assertTrue(judged > 0, "batches with a ranking loss");
      assertEquals(0, guard.refusedAboveCeiling() + guard.refusedNonFinite(), "pass " + pass + ": refused batches");
      assertEquals(0, guard.rollbacks(), "pass " + pass + ": rollbacks");
    }
  }
}
