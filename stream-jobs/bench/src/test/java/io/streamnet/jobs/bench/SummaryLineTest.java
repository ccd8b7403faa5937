package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryLineTest {
  @Test
  void printsKeyValuePairsInOrder() {
    SummaryLine l = new SummaryLine().put("round", 2).put("eps", 4321.06).put("ratio", 0.73456)
        .put("p99_ms", 12.345).put("missing", Double.NaN);
    assertEquals("round=2 eps=4321.1 ratio=0.7346 p99_ms=12.35 missing=nan", l.toString());
  }

  @Test
  void mediansIgnoreRoundsWhereAFigureWasNotMeasured() {
    SummaryLine a = new SummaryLine().put("eps", 100).put("p99_ms", 9);
    SummaryLine b = new SummaryLine().put("eps", 300).put("p99_ms", Double.NaN);
    SummaryLine c = new SummaryLine().put("eps", 200).put("p99_ms", 7).put("extra", 1);
    SummaryLine m = SummaryLine.medians(List.of(a, b, c));
    assertEquals(200, m.get("eps"));
    assertEquals(8, m.get("p99_ms"), "mean of the two measured values");
    assertEquals(1, m.get("extra"));
    assertEquals("eps=200 p99_ms=8 extra=1", m.toString());
  }

  @Test
  void prefixesAnotherLinesKeys() {
    SummaryLine l = new SummaryLine().putAll("imdb_", new SummaryLine().put("eps", 5));
    assertEquals(5, l.get("imdb_eps"));
  }

  @Test
  void rejectsKeysThatWouldBreakTheLine() {
    assertThrows(IllegalArgumentException.class, () -> new SummaryLine().put("a b", 1));
    assertThrows(IllegalArgumentException.class, () -> new SummaryLine().put("a=b", 1));
  }
}
