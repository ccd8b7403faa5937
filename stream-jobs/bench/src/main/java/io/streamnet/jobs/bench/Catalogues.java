package io.streamnet.jobs.bench;

import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.RecommenderSpec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream of each catalogue size of the recommendation scoring phase: about 1,000 items are MovieLens
 * latest-small's ratings of its 1,000 most rated movies (61,256 ratings); about 10,000 are all of MovieLens
 * latest-small (9,724 movies, 100,836 ratings); 100,000 are {@link SyntheticInteractions} (seed 42, 6,000 users,
 * popularity exponent 1, sessions of 20 events on average), with the item table and the rating head's item vocabulary
 * raised from the default 32,768 rows to 131,072, asked at {@link #LARGE_REQUEST_SHARE} of the request rate.
 */
final class Catalogues {
  static final long SYNTHETIC_SEED = 42;
  static final int SYNTHETIC_USERS = 6_000;
  static final double SYNTHETIC_EXPONENT = 1.0;
  static final double SYNTHETIC_SESSION = 20;
  /**
   * The 100k catalogue is asked at a fifth of the request rate (100/s by default): one answer scans 100,000 rows of
   * 128 floats, some milliseconds of a core, and 500/s would need more than this machine's two cores.
   */
  static final double LARGE_REQUEST_SHARE = 0.2;

  private Catalogues() {}

  /**
   * The stream, from its start, of the catalogue of about {@code size} items (1,000, 10,000 or 100,000).
   *
   * @param movielens MovieLens latest-small in stream order
   * @param model     the job's recommender (its capacities)
   */
  static CatalogueStream of(int size, List<Rating> movielens, RecommenderSpec model) {
    return switch (size) {
      case 1_000 -> RatingReplay.catalogue("1k", mostRated(movielens, 1_000));
      case 10_000 -> RatingReplay.catalogue("10k", movielens);
      case 100_000 -> synthetic("100k", 100_000, model);
      default -> throw new IllegalArgumentException("no stream for a catalogue of " + size + " items");
    };
  }

  /** The ratings of the {@code items} most rated items (ties: the lower id), in their order. */
  static List<Rating> mostRated(List<Rating> stream, int items) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (Rating r : stream) {
      counts.merge(r.movieId(), 1, Integer::sum);
    }
    Set<Integer> top = new HashSet<>(counts.entrySet().stream()
        .sorted(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(items).map(Map.Entry::getKey).toList());
    return stream.stream().filter(r -> top.contains(r.movieId())).toList();
  }

  /** A synthetic catalogue of {@code items} items, with an item table of the next power of two above it. */
  private static CatalogueStream synthetic(String name, int items, RecommenderSpec model) {
    SyntheticInteractions generator = new SyntheticInteractions(SYNTHETIC_SEED, items, SYNTHETIC_USERS,
        SYNTHETIC_EXPONENT, SYNTHETIC_SESSION);
    int capacity = Integer.highestOneBit(items) << 1; // rows, the shared row 0 included
    // the rating head reads the same rows: its inputs (named so by the recommender spec) have the capacities as
    // vocabularies
    Map<String, String> settings = Map.of("model.model.items.capacity", Integer.toString(capacity),
        "model.model.rating_head.inputs", "[{name: user, type: ids, vocab: " + model.users().capacity()
            + "}, {name: item, type: ids, vocab: " + capacity + "}]");
    return new CatalogueStream(name, items, generator.arrivalEvents(), settings, LARGE_REQUEST_SHARE, generator::next);
  }
}
