package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticInteractionsTest {
  static List<CatalogueStream.Event> take(SyntheticInteractions g, int n) {
    List<CatalogueStream.Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(g.next());
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
    List<CatalogueStream.Event> a = take(new SyntheticInteractions(42, 5_000, 300, 1.0, 20), 20_000);
    assertEquals(a, take(new SyntheticInteractions(42, 5_000, 300, 1.0, 20), 20_000));
    assertNotEquals(a, take(new SyntheticInteractions(43, 5_000, 300, 1.0, 20), 20_000));
  }

  @Test
  void everyItemHasBeenSeenOnceTheArrivalsAreOverAndIdsStayInRange() {
    SyntheticInteractions g = new SyntheticInteractions(1, 10_000, 500, 1.0, 20);
    Set<Long> items = new HashSet<>();
    for (CatalogueStream.Event e : take(g, (int) g.arrivalEvents())) {
      items.add(e.itemId());
      assertTrue(e.itemId() >= 1 && e.itemId() <= 10_000, "item " + e.itemId());
      assertTrue(e.userId() >= 1 && e.userId() <= 500, "user " + e.userId());
    }
    assertEquals(10_000, items.size(), "the whole catalogue");
  }

  @Test
  void afterTheArrivalsPopularityFollowsAPowerLaw() {
    SyntheticInteractions g = new SyntheticInteractions(2, 10_000, 500, 1.0, 20);
    take(g, (int) g.arrivalEvents());
    Map<Long, Integer> counts = new HashMap<>();
    int n = 200_000;
    for (CatalogueStream.Event e : take(g, n)) {
      counts.merge(e.itemId(), 1, Integer::sum);
    }
    List<Integer> sorted = counts.values().stream().sorted((x, y) -> y - x).toList();
    int top100 = sorted.subList(0, 100).stream().mapToInt(Integer::intValue).sum();
    // Zipf(1) over 10,000 ranks puts about 53% of fresh picks on the top 100; half of the picks follow a session's
    // previous item, which spreads them, so well over a quarter and well under all of them
    assertTrue(top100 > n / 4 && top100 < n * 3 / 4, "top 100 items: " + top100 + " of " + n);
    assertTrue(sorted.get(0) > 20 * sorted.get(sorted.size() / 2), "the head far above the median: " + sorted.get(0)
        + " vs " + sorted.get(sorted.size() / 2));
  }

  @Test
  void usersComeInSessionsAndAboutHalfTheRatingsArePositives() {
    List<CatalogueStream.Event> events = take(new SyntheticInteractions(3, 10_000, 500, 1.0, 20), 100_000);
    int sameUser = 0;
    int positives = 0;
    for (int i = 0; i < events.size(); i++) {
      if (i > 0 && events.get(i).userId() == events.get(i - 1).userId()) {
        sameUser++;
      }
      float r = events.get(i).rating();
      assertTrue(r >= 0.5f && r <= 5f && r * 2 == Math.rint(r * 2), "half-stars: " + r);
      positives += r >= 4 ? 1 : 0;
    }
    // sessions of 20 on average: a new session (often a new user) every 20th event
    assertEquals(0.95, sameUser / (double) events.size(), 0.01);
    assertEquals(SyntheticInteractions.POSITIVE, positives / (double) events.size(), 0.01);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInteractions(1, 0, 10, 1, 20));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInteractions(1, 10, 10, -1, 20));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInteractions(1, 10, 10, 1, 0.5));
  }
}
