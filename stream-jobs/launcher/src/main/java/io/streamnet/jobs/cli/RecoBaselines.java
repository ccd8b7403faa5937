package io.streamnet.jobs.cli;

import io.streamnet.connect.replay.ReplayEvent;
import io.streamnet.nn.reco.RankingCounts;
import io.streamnet.nn.reco.StreamBaselines;
import io.streamnet.schema.Interaction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * nn-core's {@link StreamBaselines} (POP, recency-POP, item-kNN) on the interactions the demo replayed as labeled
 * events, in their order, fed as the prequential runner feeds them: every interaction, a rating at or above the
 * positive threshold being a positive, ranked before it is learned from. No catalogue: the job knows none and ranks
 * among the items it has rows for, so the baselines rank among the items seen so far. The held-back requests are not
 * among the events, as the trainer never sees them.
 *
 * <p>Keeps POP's hits after each positive, so that its HR@K can be read after as many positives as the trainer had
 * ranked at any point of its curve (the trainer's positives are these, in this order: the labeled topic has one
 * partition, and what the feedback loop adds are negatives).
 */
final class RecoBaselines {
  private final StreamBaselines baselines;
  /** {@code popHits[p]}: POP's hits among the first {@code p + 1} positives. */
  private final int[] popHits;
  /** {@code eventsThrough[p]}: labeled events up to and including the {@code p + 1}-th positive. */
  private final int[] eventsThrough;
  private final int positives;
  private final long labeled;

  private RecoBaselines(StreamBaselines baselines, int[] popHits, int[] eventsThrough, int positives, long labeled) {
    this.baselines = baselines;
    this.popHits = popHits;
    this.eventsThrough = eventsThrough;
    this.positives = positives;
    this.labeled = labeled;
  }

  /**
   * Runs the baselines over the labeled events of {@code events}.
   *
   * @param k          K of HR@K and NDCG@K
   * @param positiveAt a rating at or above this is a positive
   * @param history    positives per user the item-kNN reads
   * @param halfLife   recency-POP's half-life, in positives
   * @throws IllegalArgumentException when a labeled event is not an {@link Interaction}
   */
  static RecoBaselines run(DemoEvents events, int k, float positiveAt, int history, double halfLife) {
    StreamBaselines b = new StreamBaselines(k, history, halfLife);
    int n = events.size();
    int[] hits = new int[n];
    int[] through = new int[n];
    int positives = 0;
    long labeled = 0;
    for (int i = 0; i < n; i++) {
      ReplayEvent e = events.eventAt(i);
      if (e.request()) {
        continue;
      }
      if (!(e.value() instanceof Interaction interaction)) {
        throw new IllegalArgumentException("the baselines need interactions, event " + i + " is a "
            + e.value().getSchema().getName());
      }
      labeled++;
      // As InteractionEvent.isPositive: a rating at or above the threshold; without one, a click.
      boolean positive = interaction.getRating() != null ? interaction.getRating() >= positiveAt
          : Boolean.TRUE.equals(interaction.getClicked());
      b.process(interaction.getUserId(), interaction.getItemId(), positive);
      if (positive) {
        hits[positives] = (int) b.pop().hits();
        through[positives] = (int) labeled;
        positives++;
      }
    }
    return new RecoBaselines(b, Arrays.copyOf(hits, positives), Arrays.copyOf(through, positives), positives,
        labeled);
  }

  /** Positives among the labeled events. */
  int positives() {
    return positives;
  }

  /** Labeled events. */
  long labeled() {
    return labeled;
  }

  /** POP's HR@K over the first {@code p} positives (1 <= p <= {@link #positives()}). */
  double popHitRate(long p) {
    checkPositives(p);
    return (double) popHits[(int) p - 1] / p;
  }

  /** Labeled events up to and including the {@code p}-th positive (1 <= p <= {@link #positives()}). */
  long eventsThrough(long p) {
    checkPositives(p);
    return eventsThrough[(int) p - 1];
  }

  private void checkPositives(long p) {
    if (p < 1 || p > positives) {
      throw new IllegalArgumentException("positive " + p + " is not among the stream's " + positives);
    }
  }

  /** HR@K and NDCG@K of each baseline over every positive: {@code pop_hr_at_K}, ..., {@code iknn_ndcg_at_K}. */
  Map<String, Double> figures() {
    Map<String, Double> m = new LinkedHashMap<>();
    put(m, "pop", baselines.pop());
    put(m, "rpop", baselines.recencyPop());
    put(m, "iknn", baselines.itemKnn());
    return m;
  }

  private static void put(Map<String, Double> m, String name, RankingCounts counts) {
    m.put(name + "_hr_at_" + counts.k(), counts.hitRate());
    m.put(name + "_ndcg_at_" + counts.k(), counts.ndcg());
  }
}
