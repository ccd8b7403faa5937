package io.streamnet.jobs.bench;

import java.util.SplittableRandom;

/**
 * A seeded, endless stream of ratings over a catalogue of any size, for the recommendation benchmark's large
 * catalogue (MovieLens latest-small has 9,724 items). Same seed and settings, same stream, on every JVM.
 *
 * <ul>
 *   <li><b>Popularity</b>: a fresh pick is the item of popularity rank {@code r} with probability proportional to
 *       {@code (r + 1)^-exponent} (a power law; ranks are a seeded permutation of the item ids).</li>
 *   <li><b>Sessions</b>: users come in sessions of a geometric length (mean {@code sessionLength}), each session a user
 *       drawn uniformly; within a session the next item is, with probability {@link #FOLLOW}, a neighbour of the
 *       previous one in a second seeded order of the catalogue (within {@link #NEIGHBOURHOOD} places: items that go
 *       together), else a fresh pick: so sessions have the local structure the model learns from.</li>
 *   <li><b>Catalogue arrival</b>: the first {@code 2 * items} events introduce every item once, every other event,
 *       in a seeded order (as MovieLens's catalogue grows with its stream), so that the model has a row for every
 *       item by then; a power law alone would leave most of the long tail unseen for millions of events.</li>
 *   <li><b>Ratings</b>: half-stars from 0.5 to 5, positive (>= 4) with probability {@link #POSITIVE}, about
 *       MovieLens's share.</li>
 * </ul>
 * Item ids are {@code 1..items}, user ids {@code 1..users}. Not thread-safe.
 */
final class SyntheticInteractions {
  /** Probability that a session's next item is a neighbour of its previous one. */
  static final double FOLLOW = 0.5;
  /** How far, in the neighbour order, a followed item lies from the previous one. */
  static final int NEIGHBOURHOOD = 50;
  /** Share of positive ratings (MovieLens latest-small: 48%). */
  static final double POSITIVE = 0.5;

  private final int items;
  private final int users;
  private final double meanSession;
  private final SplittableRandom random;
  /** Item id of each popularity rank. */
  private final int[] byRank;
  /** Cumulative popularity of the ranks, for a binary search. */
  private final double[] cumulative;
  /** The neighbour order: item ids, and each item's place in it. */
  private final int[] neighbours;
  private final int[] placeOf;
  /** The order in which items are introduced. */
  private final int[] arrivals;
  private int introduced;
  private long index;
  private long user;
  private long sessionLeft;
  private int previous = -1;

  /**
   * @param seed          the generator's seed
   * @param items         catalogue size, >= 1
   * @param users         user population, >= 1
   * @param exponent      the power law's exponent, >= 0 (0: uniform)
   * @param sessionLength mean events per session, >= 1
   */
  SyntheticInteractions(long seed, int items, int users, double exponent, double sessionLength) {
    if (items < 1 || users < 1 || !(exponent >= 0) || !(sessionLength >= 1)) {
      throw new IllegalArgumentException("need items >= 1, users >= 1, exponent >= 0, session length >= 1; got "
          + items + ", " + users + ", " + exponent + ", " + sessionLength);
    }
    this.items = items;
    this.users = users;
    this.meanSession = sessionLength;
    this.random = new SplittableRandom(seed);
    this.byRank = permutation(items, random);
    this.neighbours = permutation(items, random);
    this.arrivals = permutation(items, random);
    this.placeOf = new int[items + 1];
    for (int i = 0; i < items; i++) {
      placeOf[neighbours[i]] = i;
    }
    this.cumulative = new double[items];
    double sum = 0;
    for (int r = 0; r < items; r++) {
      sum += Math.pow(r + 1, -exponent);
      cumulative[r] = sum;
    }
  }

  /** Item ids 1..n in a seeded random order. */
  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Events before every item has been introduced once. */
  long arrivalEvents() {
    return 2L * items;
  }

  /** The next event. */
  CatalogueStream.Event next() {
    if (sessionLeft == 0) {
      user = 1 + random.nextInt(users);
      // geometric with mean meanSession: at least one event, each further one with probability 1 - 1/mean
      sessionLeft = 1;
      while (random.nextDouble() >= 1 / meanSession) {
        sessionLeft++;
      }
      previous = -1;
    }
    int item;
    if (introduced < items && index % 2 == 0) {
      item = arrivals[introduced++];
    } else if (previous > 0 && random.nextDouble() < FOLLOW) {
      int offset = 1 + random.nextInt(NEIGHBOURHOOD);
      int place = placeOf[previous] + (random.nextBoolean() ? offset : -offset);
      item = neighbours[Math.floorMod(place, items)];
    } else {
      item = byRank[rank(random.nextDouble() * cumulative[items - 1])];
    }
    boolean positive = random.nextDouble() < POSITIVE;
    // positives 4, 4.5 or 5; others 0.5 to 3.5, in half-stars
    float rating = positive ? 4f + 0.5f * random.nextInt(3) : 0.5f + 0.5f * random.nextInt(7);
    index++;
    sessionLeft--;
    previous = item;
    return new CatalogueStream.Event(user, item, rating);
  }

  /** The first rank whose cumulative popularity reaches {@code u}. */
  private int rank(double u) {
    int lo = 0;
    int hi = items - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
