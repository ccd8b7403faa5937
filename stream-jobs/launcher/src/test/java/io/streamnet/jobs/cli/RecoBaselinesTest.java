package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.replay.HoldBack;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.StreamBaselines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On the first ratings of MovieLens latest-small, which the project carries in datasets/. */
class RecoBaselinesTest {
  static final int LIMIT = 3000;
  static final int SEED = 42;
  static final double REQUEST_FRACTION = 0.1;

  static DemoEvents prefix() {
    return DemoEvents.read(DemoOptions.DatasetSelection.MOVIELENS, null, LIMIT, SEED, REQUEST_FRACTION, 10, 0,
        () -> 0L);
  }

  static RecoBaselines run(DemoEvents events) {
    return RecoBaselines.run(events, 10, 4f, 20, 2000);
  }

  @Test
  void theBaselinesSeeTheLabeledRatingsInStreamOrderAndPopIsReadAfterAsManyPositivesAsAsked() {
    DemoEvents events = prefix();
    RecoBaselines baselines = run(events);

    // The same baselines fed directly from the ratings, without the held-back ones.
    List<Rating> ratings = MovieLensReader.readInStreamOrder(DataLocator.fromEnvironment().locate(Dataset.MOVIELENS))
        .subList(0, LIMIT);
    HoldBack holdBack = new HoldBack(REQUEST_FRACTION, SEED);
    StreamBaselines direct = new StreamBaselines(10, 20, 2000);
    List<Double> popAfter = new ArrayList<>();
    List<Long> labeledAt = new ArrayList<>();
    long labeled = 0;
    for (int i = 0; i < LIMIT; i++) {
      if (holdBack.isRequest(i)) {
        continue;
      }
      Rating r = ratings.get(i);
      labeled++;
      boolean positive = r.rating() >= 4f;
      direct.process(r.userId(), r.movieId(), positive);
      if (positive) {
        popAfter.add(direct.pop().hitRate());
        labeledAt.add(labeled);
      }
    }
    assertTrue(labeled < LIMIT, "some ratings were held back");
    assertEquals(labeled, baselines.labeled());
    assertEquals(popAfter.size(), baselines.positives());
    for (int p = 1; p <= popAfter.size(); p++) {
      assertEquals(popAfter.get(p - 1), baselines.popHitRate(p), 1e-15, "POP after " + p + " positives");
      assertEquals(labeledAt.get(p - 1), baselines.eventsThrough(p), "labeled events through positive " + p);
    }
    Map<String, Double> figures = baselines.figures();
    assertEquals(List.of("pop_hr_at_10", "pop_ndcg_at_10", "rpop_hr_at_10", "rpop_ndcg_at_10", "iknn_hr_at_10",
        "iknn_ndcg_at_10"), List.copyOf(figures.keySet()));
    assertEquals(direct.pop().hitRate(), figures.get("pop_hr_at_10"), 0.0);
    assertEquals(direct.pop().ndcg(), figures.get("pop_ndcg_at_10"), 0.0);
    assertEquals(direct.itemKnn().hitRate(), figures.get("iknn_hr_at_10"), 0.0);
    assertEquals(direct.recencyPop().hitRate(), figures.get("rpop_hr_at_10"), 0.0);
    assertEquals(0, events.taken(), "the baselines' pass is not the replayer's");
  }

  @Test
  void aPositiveCountOutsideTheStreamIsRefused() {
    RecoBaselines baselines = run(prefix());
    assertThrows(IllegalArgumentException.class, () -> baselines.popHitRate(0));
    assertThrows(IllegalArgumentException.class, () -> baselines.eventsThrough(baselines.positives() + 1));
  }

  @Test
  void textsHaveNoBaselines() {
    DemoEvents uci = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 10, SEED, REQUEST_FRACTION, 1, 0, () -> 0L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(uci));
    assertTrue(e.getMessage().startsWith("the baselines need interactions"), e.getMessage());
  }
}
