package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.data.Rating;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CataloguesTest {
  static Rating r(int user, int movie, long time) {
    return new Rating(user, movie, 4f, time);
  }

  @Test
  void theMostRatedItemsKeepTheirRatingsInStreamOrderTiesToTheLowerId() {
    List<Rating> stream = List.of(r(1, 10, 1), r(2, 20, 2), r(1, 30, 3), r(3, 20, 4), r(2, 10, 5), r(3, 40, 6),
        r(4, 30, 7));
    // 10, 20 and 30 have two ratings each, 40 one: the top two are 10 and 20
    assertEquals(List.of(r(1, 10, 1), r(2, 20, 2), r(3, 20, 4), r(2, 10, 5)), Catalogues.mostRated(stream, 2));
  }

  @Test
  void aReplayIsTheListThenItsPassesWithNewUsers() {
    CatalogueStream replay = RatingReplay.catalogue("t", List.of(r(1, 10, 1), r(2, 20, 2), r(1, 20, 3)));
    assertEquals(2, replay.items());
    assertEquals(3, replay.seedEvents());
    List<CatalogueStream.Event> events = LongStream.range(0, 7).mapToObj(i -> replay.next()).toList();
    assertEquals(new CatalogueStream.Event(1, 10, 4f), events.get(0));
    assertEquals(new CatalogueStream.Event(1, 20, 4f), events.get(2));
    assertEquals(new CatalogueStream.Event(1 + RatingReplay.USER_OFFSET, 10, 4f), events.get(3));
    assertEquals(new CatalogueStream.Event(2 + RatingReplay.USER_OFFSET, 20, 4f), events.get(4));
    assertEquals(new CatalogueStream.Event(1 + 2 * RatingReplay.USER_OFFSET, 10, 4f), events.get(6));
    assertEquals(Map.of(), replay.settings());
  }

  @Test
  void theSyntheticCatalogueRaisesTheItemTableAndTheRatingHeadsVocabularyTogether() {
    CatalogueStream c = Catalogues.of(100_000, List.of(r(1, 10, 1)),
        BenchJob.RECOMMENDATION.model().recommender().model());
    assertEquals("100k", c.name());
    assertEquals(200_000, c.seedEvents());
    var config = BenchJob.RECOMMENDATION.withOverrides(c.settings());
    var model = config.model().recommender().model();
    assertEquals(131_072, model.items().capacity());
    assertEquals(8_192, model.users().capacity(), "users as by default");
  }
}
