package io.streamnet.jobs.bench;

import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.schema.ReviewEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's streams: a sentiment dataset in the canonical order of ../shared/peers/README.md (seed 42), and
 * MovieLens in its stream order (time, user, movie): the streams the peers and nn-core's runners see.
 */
final class BenchData {
  static final int SEED = 42;

  private BenchData() {}

  /**
   * {@code dataset} in stream order, cut to its first {@code limit} events when {@code limit > 0}.
   *
   * @param dataRoot the shared data root (holding sentiment/...), or null for $STREAMNET_DATA, then ../shared/data
   */
  static List<LabeledText> stream(Dataset dataset, Path dataRoot, int limit) {
    List<LabeledText> ordered = CanonicalOrder.apply(dataset.readTexts(locate(dataset, dataRoot)), SEED);
    return limit > 0 && limit < ordered.size() ? List.copyOf(ordered.subList(0, limit)) : ordered;
  }

  /** MovieLens latest-small's ratings in stream order, cut to the first {@code limit} when {@code limit > 0}. */
  static List<Rating> ratings(Path dataRoot, int limit) {
    List<Rating> ordered = MovieLensReader.readInStreamOrder(locate(Dataset.MOVIELENS, dataRoot));
    return limit > 0 && limit < ordered.size() ? List.copyOf(ordered.subList(0, limit)) : ordered;
  }

  private static Path locate(Dataset dataset, Path dataRoot) {
    DataLocator locator = dataRoot != null ? new DataLocator(dataRoot, null) : DataLocator.fromEnvironment();
    Path dir = locator.locateOrNull(dataset);
    if (dir == null) {
      throw new IllegalArgumentException("dataset " + dataset.cliName() + " (" + dataset.expectedFiles()
          + ") not found; looked in " + locator.candidates(dataset) + ". Pass --data DIR (the shared data directory"
          + " holding sentiment/... and recommendation/...), set " + DataLocator.DATA_ENV + ", or run from the"
          + " repository root with the data in ../shared/data.");
    }
    return dir;
  }

  /**
   * {@code stream} replayed in whole passes until it holds at least {@code minEvents} events (itself when it already
   * does). Pass {@code p} renumbers its events {@code index + p * size}, so every event id stays unique.
   */
  static List<LabeledText> passes(List<LabeledText> stream, int minEvents) {
    int size = stream.size();
    if (size == 0 || size >= minEvents) {
      return stream;
    }
    int passes = (minEvents + size - 1) / size;
    List<LabeledText> out = new ArrayList<>(passes * size);
    for (int p = 0; p < passes; p++) {
      for (LabeledText t : stream) {
        out.add(p == 0 ? t : new LabeledText(t.index() + p * size, t.text(), t.label()));
      }
    }
    return List.copyOf(out);
  }

  /** A labeled event (label set) or a scoring request (label null) carrying {@code text}. */
  static ReviewEvent event(String id, String text, Integer label, long nowMillis) {
    return new ReviewEvent(id, text, label, Instant.ofEpochMilli(nowMillis), null);
  }
}
