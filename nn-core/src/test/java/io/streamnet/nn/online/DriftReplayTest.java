package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.network.TrainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trainer's drift detection ({@link DriftMonitor} with its defaults, the job's default model and guard) on real
 * streams in canonical order: no drift on a clean pass, and SST-2 with its labels flipped from the middle on found
 * soon after the flip. Prints the figures docs/BENCHMARKS.md quotes ("Drift detection").
 */
class DriftReplayTest {
  /**
   * Events from the flip to the drift: the measured delay (docs/BENCHMARKS.md) with room for another stream order,
   * and still well within the few batches the model takes to learn the flipped labels (after that the loss is low
   * again and there is nothing left to find).
   */
  static final int MAX_DELAY_EVENTS = 500;

  /** What a replay found: every drift's position in events, and the falls ADWIN saw. */
  record Found(List<Long> driftsAtEvent, long falls, long cuts, long refused) {}

  @ParameterizedTest
  @EnumSource(value = Dataset.class, names = {"UCI", "SST2", "IMDB"})
  void aCleanPassRaisesNoDrift(Dataset dataset) {
    List<TextExample> stream = JobModelStreams.stream(dataset, 0);
    assumeTrue(stream != null, dataset + " not found under ../shared/data or STREAMNET_DATA");
    Found found = replay(stream, -1);
    System.out.printf(Locale.ROOT, "drift-replay %s clean events=%d drifts_at=%s loss_falls=%d adwin_cuts=%d"
        + " refused=%d%n", dataset.name().toLowerCase(Locale.ROOT), stream.size(), found.driftsAtEvent(),
        found.falls(), found.cuts(), found.refused());
    assertEquals(List.of(), found.driftsAtEvent(), "drifts on a clean " + dataset + " pass (events)");
  }

  @Test
  void sst2WithItsLabelsFlippedHalfwayIsFoundSoonAfterTheFlip() {
    List<TextExample> stream = JobModelStreams.stream(Dataset.SST2, 0);
    assumeTrue(stream != null, "SST-2 not found under ../shared/data or STREAMNET_DATA");
    int flipAt = stream.size() / 2;
    Found found = replay(stream, flipAt);
    long first = found.driftsAtEvent().stream().filter(e -> e > flipAt).findFirst().orElse(-1L);
    System.out.printf(Locale.ROOT, "drift-replay sst2 flipped_at=%d drifts_at=%s delay_events=%d loss_falls=%d"
        + " adwin_cuts=%d refused=%d%n", flipAt, found.driftsAtEvent(), first < 0 ? -1 : first - flipAt,
        found.falls(), found.cuts(), found.refused());
    assertTrue(found.driftsAtEvent().stream().allMatch(e -> e > flipAt), "no drift before the flip: "
        + found.driftsAtEvent());
    assertTrue(first > 0, "the flip was found");
    assertTrue(first - flipAt <= MAX_DELAY_EVENTS, "found " + (first - flipAt) + " events after the flip");
  }

  /**
   * Test-then-train as the trainer does, the guard deciding and the monitor fed the applied batches' losses; labels
   * flipped from event {@code flipAt} on (-1: never). A drift's position is the events evaluated when it was found.
   */
  static Found replay(List<TextExample> stream, int flipAt) {
    TextLearner learner = JobModelStreams.newLearner();
    DivergenceGuard guard = new DivergenceGuard(DivergenceGuard.Settings.defaults());
    DriftMonitor.Settings defaults = DriftMonitor.Settings.defaults();
    // -Dstreamnet.drift.delta=D measures another confidence (docs/BENCHMARKS.md); the test holds for the default
    DriftMonitor drift = new DriftMonitor(new DriftMonitor.Settings(
        Double.parseDouble(System.getProperty("streamnet.drift.delta", String.valueOf(defaults.delta()))),
        defaults.warmupExamples()));
    int batch = JobModelStreams.batchSize();
    List<TextExample> examples = new ArrayList<>(batch);
    List<Long> drifts = new ArrayList<>();
    for (int from = 0; from + batch <= stream.size(); from += batch) {
      examples.clear();
      for (int i = from; i < from + batch; i++) {
        TextExample e = stream.get(i);
        examples.add(flipAt >= 0 && i >= flipAt ? new TextExample(e.id, e.ids, 1 - e.label, 0) : e);
      }
      TrainResult result = learner.step(examples, guard.ceiling());
      if (guard.record(result) == DivergenceGuard.Verdict.APPLIED && drift.record(learner, result)) {
        drifts.add(learner.evaluated());
      }
    }
    return new Found(drifts, drift.falls(), drift.cuts(), guard.refusedAboveCeiling() + guard.refusedNonFinite());
  }
}
