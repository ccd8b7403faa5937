package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.snapshot.ModelVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionLagTest {
  static ModelVersion v(long version) {
    return new ModelVersion(1, version);
  }

  @Test
  void anAnswerLagsByTheVersionsCreatedBeforeItThatAreNewerThanItsOwn() {
    List<VersionLag.Created> created = List.of(new VersionLag.Created(v(1), 100), new VersionLag.Created(v(2), 200),
        new VersionLag.Created(v(3), 300), new VersionLag.Created(v(4), 400));
    VersionLag.Result r = VersionLag.of(created, List.of(
        new VersionLag.Answer(v(1), 150),   // the newest: 0
        new VersionLag.Answer(v(1), 350),   // 2 and 3 exist: 2
        new VersionLag.Answer(v(3), 350),   // 0
        new VersionLag.Answer(v(2), 400))); // 3 and 4 (created at the same millisecond counts): 2
    assertEquals(3, r.versions(), "versions 1, 2, 3 served");
    assertEquals(4, r.lag().count());
    assertEquals(2, r.lag().max());
    assertEquals(1, r.lag().quantile(0.5), 1, "two answers at 0, two at 2");
  }

  @Test
  void versionsOfALaterEpochAreNewerAndNoAnswersMeanNoFigures() {
    List<VersionLag.Created> created = List.of(new VersionLag.Created(new ModelVersion(1, 9), 100),
        new VersionLag.Created(new ModelVersion(2, 1), 200));
    VersionLag.Result r = VersionLag.of(created, List.of(new VersionLag.Answer(new ModelVersion(1, 9), 250)));
    assertEquals(1, r.lag().max());
    VersionLag.Result none = VersionLag.of(created, List.of());
    assertEquals(0, none.versions());
    assertTrue(Double.isNaN(none.lag().quantile(0.99)));
  }
}
