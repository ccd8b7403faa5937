package io.streamnet.jobs.cli;

import io.streamnet.connect.replay.DatasetEvents;
import io.streamnet.connect.replay.EventSequence;
import io.streamnet.connect.replay.HoldBack;
import io.streamnet.connect.replay.ReplayEvent;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The demo's stream: the chosen datasets one after the other, each in its canonical order for the seed (MovieLens:
 * in time order) and cut to the limit, with a seeded share held back as requests. A warm-up prefix of the stream
 * carries no requests: the requests held back there are left out, its labeled events stay, so the model learns from
 * the same events with or without it. Remembers how far the replayer has read it.
 */
final class DemoEvents implements EventSequence {
  private final List<String> names;
  private final List<EventSequence> parts;
  private final int[] ends;
  /** Positions {@code [0, warmup)} of the datasets' stream carry no requests ... */
  private final int warmup;
  /** ... and these are its labeled events, in order: the first positions of this stream. */
  private final int[] warmupLabeled;
  // Written by the replayer's thread only, read by the progress line.
  private volatile int taken;
  private volatile int requestsTaken;

  private DemoEvents(List<String> names, List<EventSequence> parts, List<Integer> sizes, int warmupEvents) {
    this.names = List.copyOf(names);
    this.parts = List.copyOf(parts);
    this.ends = new int[sizes.size()];
    int end = 0;
    for (int i = 0; i < ends.length; i++) {
      end = Math.addExact(end, sizes.get(i));
      ends[i] = end;
    }
    // At most half the stream, so that a short replay (--limit) still has requests to answer.
    this.warmup = Math.min(warmupEvents, end / 2);
    int[] labeled = new int[warmup];
    int n = 0;
    for (int position = 0; position < warmup; position++) {
      if (!datasetEvent(position).request()) {
        labeled[n++] = position;
      }
    }
    this.warmupLabeled = Arrays.copyOf(labeled, n);
  }

  /**
   * Reads the datasets of {@code selection}.
   *
   * @param dataRoot the shared data root given with {@code --data}, or null for the default places
   * @param requestK how many items a recommendation request asks for (MovieLens only)
   * @param warmupEvents the first this many events of the datasets carry no requests (at most half of them)
   */
  static DemoEvents read(DemoOptions.DatasetSelection selection, Path dataRoot, long limit, int seed,
                         double requestFraction, int requestK, int warmupEvents, LongSupplier clockMillis) {
    DataLocator locator = dataRoot != null ? new DataLocator(dataRoot, repositoryRoot()) : DataLocator.fromEnvironment();
    List<Dataset> chosen = switch (selection) {
      case DEFAULT -> locator.locateOrNull(Dataset.IMDB) != null ? List.of(Dataset.UCI, Dataset.IMDB)
          : List.of(Dataset.UCI);
      case UCI -> List.of(Dataset.UCI);
      case IMDB -> List.of(Dataset.IMDB);
      case SST2 -> List.of(Dataset.SST2);
      case ALL -> List.of(Dataset.UCI, Dataset.IMDB, Dataset.SST2);
      case MOVIELENS -> List.of(Dataset.MOVIELENS);
    };
    HoldBack holdBack = new HoldBack(requestFraction, seed);
    List<String> names = new ArrayList<>();
    List<EventSequence> parts = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Dataset d : chosen) {
      EventSequence events = DatasetEvents.read(d, locator.locate(d), seed, holdBack, requestK, clockMillis);
      names.add(d.cliName());
      parts.add(events);
      sizes.add((int) (limit > 0 ? Math.min(limit, events.size()) : events.size()));
    }
    return new DemoEvents(names, parts, sizes, warmupEvents);
  }

  /** The nearest directory from the working directory upwards holding pom.xml and datasets/ (as DataLocator). */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("datasets"))) {
        return p;
      }
    }
    return null;
  }

  /** The datasets' names, in replay order. */
  List<String> names() {
    return names;
  }

  @Override
  public int size() {
    return (ends.length == 0 ? 0 : ends[ends.length - 1]) - warmup + warmupLabeled.length;
  }

  /** Events of the warm-up, all labeled: the requests start after them. */
  int warmupEvents() {
    return warmupLabeled.length;
  }

  @Override
  public ReplayEvent get(int position) {
    ReplayEvent event = eventAt(position);
    if (event.request()) {
      requestsTaken++;
    }
    taken = position + 1;
    return event;
  }

  /** The event at {@code position}, not counted as handed to the replayer: for the demo's own passes. */
  ReplayEvent eventAt(int position) {
    return datasetEvent(position < warmupLabeled.length ? warmupLabeled[position]
        : position - warmupLabeled.length + warmup);
  }

  /** The event at {@code position} of the datasets' stream, the warm-up's requests included. */
  private ReplayEvent datasetEvent(int position) {
    int part = 0;
    while (position >= ends[part]) {
      part++;
    }
    return parts.get(part).get(part == 0 ? position : position - ends[part - 1]);
  }

  /** Events handed to the replayer so far. */
  int taken() {
    return taken;
  }

  /** Requests (held-back events) among them. */
  int requestsTaken() {
    return requestsTaken;
  }
}
