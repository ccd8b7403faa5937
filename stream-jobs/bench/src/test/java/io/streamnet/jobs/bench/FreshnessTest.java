package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.snapshot.ModelVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {
  static ModelVersion v(long version) {
    return new ModelVersion(1, version);
  }

  /** Events 0..12 sent 10 ms apart from t = 1,000 ms. */
  static SeqTimes sent() {
    SeqTimes t = new SeqTimes();
    for (int k = 0; k <= 12; k++) {
      t.record(k, 1_000 + 10L * k);
    }
    return t;
  }

  static final List<Freshness.Snapshot> SNAPSHOTS = List.of(
      new Freshness.Snapshot(v(3), 10),
      new Freshness.Snapshot(v(1), 4), // any order
      new Freshness.Snapshot(v(2), 8),
      new Freshness.Snapshot(v(4), 12));

  @Test
  void anEventIsFreshWhenTheFirstModelIncludingItScoresARequest() {
    // v1 (events 0-3) first scores at 1,200; v2 is never served: the scorer went from v1 to v3 at 1,500.
    List<Freshness.Served> served = List.of(new Freshness.Served(v(1), 1_200), new Freshness.Served(v(3), 1_500));
    Freshness.Result r = Freshness.of(sent(), 0, 10, SNAPSHOTS, served);
    assertEquals(10, r.resolved());
    assertEquals(0, r.unresolved());
    // event 0: 1,200 - 1,000 = 200; event 3: 170; events 4-7 (in v2, first served by v3 at 1,500): 460..430;
    // events 8-9 (v3): 420, 410
    // sorted: 170 180 190 200 | 410 420 430 440 450 460 (the histogram resolves about 2%)
    assertEquals(460, r.millis().max());
    assertEquals(170, r.millis().quantile(0), 170 * 0.03);
    assertEquals(200, r.millis().quantile(0.4), 200 * 0.03);
    assertEquals(410, r.millis().quantile(0.5), 410 * 0.03);
  }

  @Test
  void eventsInNoServedModelYetAreUnresolved() {
    // v4 (events 10-11) is published but has scored nothing; event 12 is in no snapshot yet.
    List<Freshness.Served> served = List.of(new Freshness.Served(v(1), 1_200), new Freshness.Served(v(3), 1_500));
    Freshness.Result r = Freshness.of(sent(), 8, 13, SNAPSHOTS, served);
    assertEquals(2, r.resolved());
    assertEquals(3, r.unresolved());
  }

  @Test
  void aLaterVersionServesEveryEarlierOne() {
    // Only v4 ever scored (the scorer started late): every event up to 12 is fresh at 2,000.
    Freshness.Result r = Freshness.of(sent(), 0, 12, SNAPSHOTS, List.of(new Freshness.Served(v(4), 2_000)));
    assertEquals(12, r.resolved());
    assertEquals(1_000, r.millis().max(), "event 0");
  }
}
