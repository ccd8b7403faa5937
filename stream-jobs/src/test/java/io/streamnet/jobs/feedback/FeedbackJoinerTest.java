package io.streamnet.jobs.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The joiner in Flink's keyed two-input operator harness, on a scripted stream with known event times. */
class FeedbackJoinerTest {
  static final FeedbackJoiner.Settings SETTINGS = new FeedbackJoiner.Settings(10_000, 5_000);

  /** Impressions of four users; {@link #SETTINGS} gives each a deadline {@code window + lateness} after its time. */
  static final Impression A = new Impression("a", 1, new long[] {10, 20, 30, 40}, 100_000);
  static final Impression B = new Impression("b", 2, new long[] {40, 50}, 200_000);
  static final Impression C = new Impression("c", 1, new long[] {60, 70}, 300_000);
  static final Impression D = new Impression("d", 3, new long[] {80, 90}, 400_000);
  static final Impression E = new Impression("e", 3, new long[] {90, 80}, 405_000);
  /** Arrives once the watermark has passed its deadline. */
  static final Impression F = new Impression("f", 1, new long[] {11}, 404_000);
  /** At one time: decided in one timer, in request id order (a hash map's order is the other way round). */
  static final Impression G = new Impression("g", 4, new long[] {100, 101}, 500_000);
  static final Impression P = new Impression("p", 4, new long[] {101, 100}, 500_000);

  interface Action {
    void apply(Harness h) throws Exception;
  }

  /** What one step of the script does and exactly what it emits, in order. */
  record Step(String what, Action action, List<Outcome> emits) {}

  /** An expected example, decided at the processing time of the step that emits it. */
  record Outcome(Impression impression, long item, boolean clicked) {
    FeedbackExample at(long decidedAt) {
      return new FeedbackExample(impression.requestId(), impression.userId(), item, impression.rankOf(item), clicked,
          impression.eventTimeMillis(), decidedAt);
    }
  }

  static final class Harness extends KeyedTwoInputStreamOperatorTestHarness<Long, Impression, Interaction,
      FeedbackExample> {
    final FeedbackJoiner joiner;

    Harness(FeedbackJoiner joiner) throws Exception {
      super(new KeyedCoProcessOperator<>(joiner), Impression::userId, Interaction::getUserId, Types.LONG);
      this.joiner = joiner;
    }
  }

  static Step impression(Impression i, Outcome... emits) {
    return new Step("impression " + i.requestId(), h -> h.processElement1(i, 0), List.of(emits));
  }

  static Step interaction(String what, Interaction i, Outcome... emits) {
    return new Step(what, h -> h.processElement2(i, 0), List.of(emits));
  }

  static Step watermark(long at, Outcome... emits) {
    return new Step("watermark " + at, h -> h.processBothWatermarks(new Watermark(at)), List.of(emits));
  }

  static Interaction click(long user, long item, long at) {
    return new Interaction(user, item, null, true, Instant.ofEpochMilli(at));
  }

  static Interaction rating(long user, long item, long at) {
    return new Interaction(user, item, 1.5f, null, Instant.ofEpochMilli(at));
  }

  static Outcome positive(Impression i, long item) {
    return new Outcome(i, item, true);
  }

  static Outcome negative(Impression i, long item) {
    return new Outcome(i, item, false);
  }

  /** The script: steps in processing order, each run at processing time {@code 1000 * (index + 1)}. */
  static final List<Step> SCRIPT = List.of(
      impression(A),
      interaction("click inside the window", click(1, 20, 103_000), positive(A, 20)),
      interaction("the same click again", click(1, 20, 104_000)),
      interaction("rating before the window", rating(1, 10, 99_999)),
      interaction("click at the window's end", click(1, 40, 110_000), positive(A, 40)),
      interaction("rating after the window", rating(1, 30, 110_001)),
      interaction("shown but ignored", new Interaction(1L, 10L, null, false, Instant.ofEpochMilli(105_000))),
      watermark(114_999),
      watermark(115_000, negative(A, 10), negative(A, 30)),
      interaction("click before its impression is processed", click(2, 50, 201_000)),
      impression(B, positive(B, 50)),
      impression(C),
      watermark(312_000, negative(B, 40)),
      interaction("click after the window's end, within the lateness", click(1, 70, 305_000), positive(C, 70)),
      watermark(320_000, negative(C, 60)),
      interaction("click after the lateness", click(1, 60, 301_000)),
      impression(D),
      impression(E),
      interaction("click in the first window only", click(3, 90, 402_000), positive(D, 90)),
      interaction("click in both windows", click(3, 80, 407_000), positive(D, 80), positive(E, 80)),
      watermark(415_000),
      watermark(419_999),
      impression(F),
      watermark(420_000, negative(E, 90)),
      impression(P),
      impression(G),
      interaction("click in two windows of one time", click(4, 100, 501_000), positive(G, 100), positive(P, 100)),
      watermark(515_000, negative(G, 101), negative(P, 101)),
      watermark(Long.MAX_VALUE));

  static Harness open() throws Exception {
    Harness h = new Harness(new FeedbackJoiner(SETTINGS));
    h.open();
    return h;
  }

  /** Runs steps {@code [from, to)} of the script; returns what they emitted. */
  static List<FeedbackExample> run(Harness h, int from, int to) throws Exception {
    List<FeedbackExample> out = new ArrayList<>();
    for (int s = from; s < to; s++) {
      h.setProcessingTime(1000L * (s + 1));
      SCRIPT.get(s).action().apply(h);
      out.addAll(h.extractOutputValues());
      h.getOutput().clear();
    }
    return out;
  }

  static List<FeedbackExample> expected(int from, int to) {
    List<FeedbackExample> out = new ArrayList<>();
    for (int s = from; s < to; s++) {
      for (Outcome o : SCRIPT.get(s).emits()) {
        out.add(o.at(1000L * (s + 1)));
      }
    }
    return out;
  }

  @Test
  void theScriptGivesExactlyTheExpectedExamplesEachAtItsStep() throws Exception {
    try (Harness h = open()) {
      for (int s = 0; s < SCRIPT.size(); s++) {
        assertEquals(expected(s, s + 1), run(h, s, s + 1), "step " + s + ": " + SCRIPT.get(s).what());
      }
      FeedbackMetrics m = h.joiner.metrics();
      assertEquals(8, m.impressions.getCount());
      assertEquals(1, m.lateImpressions.getCount(), "F");
      assertEquals(9, m.positives.getCount());
      assertEquals(7, m.negatives.getCount());
      assertEquals(1, m.lateInteractions.getCount(), "the click after the lateness");
    }
  }

  @Test
  void everyServedItemIsDecidedOnceAndStateIsEmptyWhenAllTimersHaveFired() throws Exception {
    try (Harness h = open()) {
      List<FeedbackExample> out = run(h, 0, SCRIPT.size() - 1);
      assertTrue(h.numKeyedStateEntries() > 0, "engagements wait for their deadlines");
      out.addAll(run(h, SCRIPT.size() - 1, SCRIPT.size()));
      assertEquals(0, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers());
      List<String> ids = out.stream().map(FeedbackExample::id).sorted().toList();
      assertEquals(List.of("a#10", "a#20", "a#30", "a#40", "b#40", "b#50", "c#60", "c#70", "d#80", "d#90", "e#80",
          "e#90", "g#100", "g#101", "p#100", "p#101"), ids);
    }
  }

  @Test
  void aRestoreAnywhereInTheScriptGivesTheOutputOfAnUninterruptedRun() throws Exception {
    List<FeedbackExample> uninterrupted = expected(0, SCRIPT.size());
    for (int split = 1; split < SCRIPT.size(); split++) {
      List<FeedbackExample> out;
      OperatorSubtaskState state;
      try (Harness h = open()) {
        out = run(h, 0, split);
        state = h.snapshot(split, 1000L * split);
      }
      // A new instance: Flink's watermark starts afresh, the joiner's own floor comes back from the checkpoint.
      try (Harness h = new Harness(new FeedbackJoiner(SETTINGS))) {
        h.initializeState(state);
        h.open();
        out.addAll(run(h, split, SCRIPT.size()));
        assertEquals(0, h.numKeyedStateEntries(), "restored at step " + split);
      }
      assertEquals(uninterrupted, out, "restored before step " + split + ": " + SCRIPT.get(split).what());
    }
  }

  @Test
  void nothingIsDecidedUntilBothInputsWatermarksHavePassedTheDeadline() throws Exception {
    try (Harness h = open()) {
      h.processElement1(A, 0);
      h.processWatermark1(new Watermark(200_000));
      h.processWatermark2(new Watermark(114_999));
      assertTrue(h.extractOutputValues().isEmpty(), "the interactions are behind: a click may still come");
      h.processElement2(click(1, 10, 101_000), 0);
      h.processWatermark2(new Watermark(115_000));
      assertEquals(List.of("a#10", "a#20", "a#30", "a#40"), h.extractOutputValues().stream()
          .map(FeedbackExample::id).toList());
      assertEquals(List.of(true, false, false, false), h.extractOutputValues().stream()
          .map(FeedbackExample::clicked).toList());
    }
  }

  @Test
  void engagementIsAClickOrARatingButNeverAnIgnoredImpression() {
    assertTrue(FeedbackJoiner.engaged(click(1, 2, 3)));
    assertTrue(FeedbackJoiner.engaged(new Interaction(1L, 2L, 0.5f, null, Instant.EPOCH)), "any rating");
    assertTrue(FeedbackJoiner.engaged(new Interaction(1L, 2L, 0.5f, true, Instant.EPOCH)));
    assertFalse(FeedbackJoiner.engaged(new Interaction(1L, 2L, null, false, Instant.EPOCH)));
    assertFalse(FeedbackJoiner.engaged(new Interaction(1L, 2L, 5f, false, Instant.EPOCH)), "clicked says no");
  }

  @Test
  void theJoinerTravelsInTheJobGraphAsJavaSerialization() throws Exception {
    try (Harness h = new Harness(InstantiationUtil.clone(new FeedbackJoiner(SETTINGS)))) {
      h.open();
      h.processElement1(A, 0);
      h.processElement2(click(1, 30, 100_000), 0);
      assertEquals(List.of("a#30"), h.extractOutputValues().stream().map(FeedbackExample::id).toList());
    }
  }

  @Test
  void settingsRefuseNegativeOrOverflowingSpans() {
    assertThrows(IllegalArgumentException.class, () -> new FeedbackJoiner.Settings(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new FeedbackJoiner.Settings(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new FeedbackJoiner.Settings(Long.MAX_VALUE, 1));
    assertEquals(Long.MAX_VALUE, SETTINGS.deadline(Long.MAX_VALUE - 1), "a deadline saturates");
  }
}
