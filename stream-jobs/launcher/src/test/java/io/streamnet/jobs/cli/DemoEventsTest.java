package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.replay.ReplayEvent;
import io.streamnet.schema.ReviewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the UCI sentences the project carries in datasets/ (the tests run inside the repository). */
class DemoEventsTest {
  @TempDir
  Path emptyDataRoot;

  @Test
  void uciIsCutToTheLimitAndHoldsBackASeededShare() {
    DemoEvents events = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 1000, 42, 0.2, 1, 0, () -> 1234L);
    assertEquals(List.of("uci"), events.names());
    assertEquals(1000, events.size());
    Set<String> ids = new HashSet<>();
    int requests = 0;
    for (int i = 0; i < events.size(); i++) {
      ReplayEvent e = events.get(i);
      ReviewEvent r = (ReviewEvent) e.value();
      assertTrue(ids.add(r.getId()), "duplicate id " + r.getId());
      assertTrue(r.getId().startsWith("uci-"));
      assertEquals(e.request(), r.getLabel() == null, "requests carry no label");
      requests += e.request() ? 1 : 0;
    }
    assertEquals(events.size(), events.taken());
    assertEquals(requests, events.requestsTaken());
    assertTrue(requests > 150 && requests < 250, "about 20% held back, got " + requests);
  }

  @Test
  void theWarmUpLeavesOutItsRequestsAndKeepsEveryLabeledEventInOrder() {
    DemoEvents all = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 1000, 42, 0.2, 1, 0, () -> 0L);
    DemoEvents warm = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 1000, 42, 0.2, 1, 300, () -> 0L);
    List<String> labeledAll = new ArrayList<>();
    List<String> requestsAfter = new ArrayList<>();
    int warmupRequests = 0;
    for (int i = 0; i < all.size(); i++) {
      ReplayEvent e = all.eventAt(i);
      if (!e.request()) {
        labeledAll.add(e.key());
      } else if (i < 300) {
        warmupRequests++;
      } else {
        requestsAfter.add(e.key());
      }
    }
    assertTrue(warmupRequests > 30, "the seed holds back about 60 of the first 300, got " + warmupRequests);
    assertEquals(1000 - warmupRequests, warm.size());
    assertEquals(300 - warmupRequests, warm.warmupEvents());
    List<String> labeledWarm = new ArrayList<>();
    List<String> requestsWarm = new ArrayList<>();
    for (int i = 0; i < warm.size(); i++) {
      ReplayEvent e = warm.get(i);
      assertFalse(e.request() && i < warm.warmupEvents(), "a request in the warm-up at " + i);
      (e.request() ? requestsWarm : labeledWarm).add(e.key());
    }
    assertEquals(labeledAll, labeledWarm, "the same labeled events, in the same order");
    assertEquals(requestsAfter, requestsWarm, "the requests after the warm-up, in the same order");
    assertEquals(warm.size(), warm.taken());

    // A warm-up longer than half the stream is cut to half of it.
    DemoEvents capped = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 100, 42, 0.2, 1, 20_000, () -> 0L);
    DemoEvents half = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 100, 42, 0.2, 1, 50, () -> 0L);
    assertEquals(half.size(), capped.size());
    assertEquals(half.warmupEvents(), capped.warmupEvents());
  }

  @Test
  void theSameSeedGivesTheSameStream() {
    DemoEvents a = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 50, 7, 0.1, 1, 0, () -> 0L);
    DemoEvents b = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 50, 7, 0.1, 1, 0, () -> 0L);
    DemoEvents c = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, 50, 8, 0.1, 1, 0, () -> 0L);
    boolean differs = false;
    for (int i = 0; i < 50; i++) {
      assertEquals(a.get(i), b.get(i));
      differs |= !a.get(i).key().equals(c.get(i).key());
    }
    assertTrue(differs, "another seed, another order");
  }

  @Test
  void byDefaultImdbIsAddedOnlyWhenTheDataHasIt() throws Exception {
    // An empty data root: no IMDB; the UCI sentences still come from the project's datasets/.
    DemoEvents events = DemoEvents.read(DemoOptions.DatasetSelection.DEFAULT, emptyDataRoot, 0, 42, 0.1, 1, 0, () -> 0L);
    assertEquals(List.of("uci"), events.names());
    assertEquals(3000, events.size());

    Path imdb = Files.createDirectories(emptyDataRoot.resolve("sentiment/imdb-aclImdb"));
    Files.writeString(imdb.resolve("imdb_reviews.jsonl"),
        "{\"split\":\"train\",\"label\":1,\"rating\":9,\"id\":0,\"orig_path\":\"a\",\"text\":\"great fun\"}\n"
            + "{\"split\":\"train\",\"label\":0,\"rating\":2,\"id\":1,\"orig_path\":\"b\",\"text\":\"dull\"}\n");
    DemoEvents both = DemoEvents.read(DemoOptions.DatasetSelection.DEFAULT, emptyDataRoot, 0, 42, 0.1, 1, 0, () -> 0L);
    assertEquals(List.of("uci", "imdb"), both.names());
    assertEquals(3002, both.size());
    assertTrue(both.get(3000).key().startsWith("imdb-"), "IMDB follows the UCI sentences");
    assertFalse(both.get(2999).key().startsWith("imdb-"));
  }

  @Test
  void aDatasetAskedForButMissingIsAnErrorNamingWhereItLooked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DemoEvents.read(DemoOptions.DatasetSelection.SST2, emptyDataRoot, 0, 42, 0.1, 1, 0, () -> 0L));
    assertTrue(e.getMessage().startsWith("dataset sst2"), e.getMessage());
    assertTrue(e.getMessage().contains(emptyDataRoot.toString()), e.getMessage());
  }
}
