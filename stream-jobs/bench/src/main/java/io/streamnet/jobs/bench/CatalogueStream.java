package io.streamnet.jobs.bench;

import java.util.Map;

/**
 * The labeled stream of one catalogue size in the recommendation scoring phase: ratings in order, without end. Its
 * first {@code seedEvents} give every item of the catalogue a row (the benchmark has the job learn them before the
 * first request), so that every request of the measured window ranks the whole catalogue. Not thread-safe.
 *
 * @param name         the size's name in summary keys and topics: {@code 1k}, {@code 10k}, {@code 100k}
 * @param items        the items in the catalogue
 * @param seedEvents   events that give every item of the catalogue its row
 * @param settings     job settings the catalogue needs (e.g. a larger item table); none for the default model
 * @param requestShare the share of the benchmark's request rate this catalogue is asked at: 1, or less when one
 *                     answer costs so much CPU that the full rate would need more cores than the machine has
 * @param events       the events, from the first
 */
record CatalogueStream(String name, int items, long seedEvents, Map<String, String> settings, double requestShare,
                       Events events) {
  /** One rating. */
  record Event(long userId, long itemId, float rating) {}

  /** Where the events come from. */
  @FunctionalInterface
  interface Events {
    Event next();
  }

  /** The next event. */
  Event next() {
    return events.next();
  }
}
