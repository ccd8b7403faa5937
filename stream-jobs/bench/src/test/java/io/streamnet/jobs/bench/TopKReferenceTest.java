package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopKReferenceTest {
  static final int K = 10;
  static final int USERS = 200;
  static RecoLearner learner;

  /** The job's default recommender trained on a seeded synthetic stream over 2,000 items. */
  @BeforeAll
  static void train() {
    learner = new RecoLearner(BenchJob.RECOMMENDATION.model().recommender());
    SyntheticInteractions stream = new SyntheticInteractions(5, 2_000, USERS, 1.0, 20);
    List<InteractionEvent> batch = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) {
      CatalogueStream.Event e = stream.next();
      batch.add(InteractionEvent.rated(e.userId(), e.itemId(), e.rating(), i));
      if (batch.size() == 32) {
        learner.step(batch);
        batch.clear();
      }
    }
  }

  @Test
  void theKernelsTopKIsTheBruteForceRankingForEveryUser() {
    Recommender model = learner.model();
    long[] items = new long[K];
    float[] scores = new float[K];
    int sameItems = 0;
    for (long user = 1; user <= USERS; user++) {
      UserHistory h = learner.histories().get(user);
      int n = model.topK(h, user, K, items, scores);
      TopKReference.Ranking expected = TopKReference.bruteForce(model, h, user, K);
      assertEquals(K, n);
      assertTrue(TopKReference.agrees(model, h, user, items, scores, expected), "user " + user);
      sameItems += Arrays.equals(items, expected.items()) ? 1 : 0;
      for (long item : expected.items()) {
        assertFalse(h != null && h.hasInteracted(item), "user " + user + " has interacted with " + item);
      }
    }
    // near-ties summed in another order may swap two items, rarely
    assertTrue(sameItems >= USERS * 9 / 10, sameItems + " of " + USERS + " identical");
  }

  @Test
  void aRankingWithAnotherItemOrAWrongScoreDoesNotAgree() {
    Recommender model = learner.model();
    long user = 7;
    UserHistory h = learner.histories().get(user);
    TopKReference.Ranking best = TopKReference.bruteForce(model, h, user, K + 1);
    long[] items = Arrays.copyOf(best.items(), K);
    float[] scores = Arrays.copyOf(best.scores(), K);
    TopKReference.Ranking expected = TopKReference.bruteForce(model, h, user, K);
    assertTrue(TopKReference.agrees(model, h, user, items, scores, expected));

    long[] eleventh = items.clone();
    eleventh[K - 1] = best.items()[K]; // the 11th best item with the 10th's score
    assertFalse(TopKReference.agrees(model, h, user, eleventh, scores, expected));
    float[] off = scores.clone();
    off[0] += 0.01f;
    assertFalse(TopKReference.agrees(model, h, user, items, off, expected));
    assertFalse(TopKReference.agrees(model, h, user, Arrays.copyOf(items, K - 1), Arrays.copyOf(scores, K - 1),
        expected));
  }
}
