package io.streamnet.jobs.bench;

import io.streamnet.nn.data.Rating;
import java.util.List;
import java.util.Map;

/**
 * A list of ratings as the events of a {@link CatalogueStream}: the list is the seed (its items are the catalogue),
 * then it is replayed in passes, pass {@code p} with its users renumbered {@code user + p * }{@link #USER_OFFSET}:
 * new users with the same sessions, over the same items, so that no rating repeats a user's and the catalogue stays
 * as it is.
 */
final class RatingReplay implements CatalogueStream.Events {
  /** Added to the user ids once per pass (MovieLens's are below 200,000). */
  static final long USER_OFFSET = 1_000_000;

  private final List<Rating> ratings;
  private long next;

  RatingReplay(List<Rating> ratings) {
    if (ratings.isEmpty()) {
      throw new IllegalArgumentException("no ratings to replay");
    }
    this.ratings = ratings;
  }

  /** The catalogue {@code name} of the list's items, seeded by the whole list. */
  static CatalogueStream catalogue(String name, List<Rating> ratings) {
    int items = (int) ratings.stream().mapToInt(Rating::movieId).distinct().count();
    return new CatalogueStream(name, items, ratings.size(), Map.of(), 1, new RatingReplay(ratings));
  }

  @Override
  public CatalogueStream.Event next() {
    Rating r = ratings.get((int) (next % ratings.size()));
    long pass = next / ratings.size();
    next++;
    return new CatalogueStream.Event(r.userId() + pass * USER_OFFSET, r.movieId(), r.rating());
  }
}
