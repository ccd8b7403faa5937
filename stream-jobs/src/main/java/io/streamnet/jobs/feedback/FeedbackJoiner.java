package io.streamnet.jobs.feedback;

import io.streamnet.schema.Interaction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Delayed feedback: turns served recommendations ({@link Impression}s, first input) and what users then did
 * ({@link Interaction}s, second input), both keyed by user id, into labeled {@link FeedbackExample}s, one per served
 * item. An item is a <b>positive</b> when the user engaged with it at an event time in {@code [t, t + window]}, where
 * {@code t} is the impression's event time; it is a <b>negative</b> when the watermark reaches
 * {@code t + window + allowedLateness} without such an engagement. Event times are the records' own fields
 * (Interaction.eventTime, Impression.eventTimeMillis), not Flink's record timestamps, which upstream carry Kafka
 * ingestion times for latency and freshness; the watermarks must be on the same clock as those fields.
 *
 * <p><b>Engagement</b> ({@link #engaged}): {@code clicked == true}, or, when {@code clicked} is absent, any rating,
 * however low: rating an item means the user chose it, which is what a recommendation is for (the recommender learns
 * "will the user take it", as its evaluation, hit rate among the chosen items, assumes). {@code clicked == false}
 * (shown but ignored) is never engagement.
 *
 * <p><b>When</b>: a positive is emitted as soon as both its impression and its engagement have arrived, in whichever
 * order; a negative when the impression's event-time timer fires. Every (impression, item) is decided once (the
 * scorer serves each request once, and exactly-once checkpoints keep it so across restores).
 * An engagement also waits in state until the watermark passes its time by window plus lateness, so an impression
 * that arrives after it, but is earlier in event time, still matches it.
 *
 * <p><b>Late data</b>, the same rule for both inputs: a record is late when the watermark has passed every deadline it
 * could still affect. An impression is late when the watermark has reached its {@code t + window + allowedLateness}
 * (some engagements in its window may have left state, so its negatives could be false): it is dropped and counted
 * ({@code lateImpressions}). An engagement at {@code s} is late when the watermark has reached
 * {@code s + window + allowedLateness}: every impression whose window holds {@code s} has been decided, so it changes
 * nothing and is counted ({@code lateInteractions}). An engagement that missed only some windows (decided ones) while
 * others are open counts for the open ones and is not counted late: telling would need decided impressions kept.
 *
 * <p><b>Order</b>, deterministic for one input order and watermark sequence whatever the state backend: an
 * engagement's positives by impression event time then request id; a new impression's positives by engagement event
 * time then arrival; negatives by the same impression order, each impression's in rank order.
 *
 * <p><b>State per user</b>, at most: the impressions whose deadline the watermark has not reached (those of the last
 * {@code window + allowedLateness} of event time before it, and any ahead of it, as many as the inputs' disorder
 * allows), the example ids of their items already positive, and the items the user engaged with over the same span
 * (each item once per event time). Each leaves when its timer fires, so a user with no new records holds nothing once
 * the watermark has passed their last record by {@code window + allowedLateness}.
 *
 * <p>An impression whose request id is already open is ignored: its examples would repeat ids. Impressions listing
 * nothing are counted and yield nothing.
 */
public final class FeedbackJoiner extends KeyedCoProcessFunction<Long, Impression, Interaction, FeedbackExample>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** The keyed states' names; part of the job's checkpoints. */
  static final String IMPRESSIONS_STATE = "streamnet-feedback-impressions";
  static final String POSITIVES_STATE = "streamnet-feedback-positives";
  static final String ENGAGEMENTS_STATE = "streamnet-feedback-engagements";
  /** Operator state: the highest watermark this instance had seen (see {@link #watermark}). */
  static final String WATERMARK_STATE = "streamnet-feedback-watermark";

  private static final Comparator<Impression> IMPRESSION_ORDER =
      Comparator.comparingLong(Impression::eventTimeMillis).thenComparing(Impression::requestId);

  /**
   * @param windowMillis          how long after an impression an engagement makes its item a positive (both ends
   *                              included), event time
   * @param allowedLatenessMillis how much longer, in event time behind the watermark, a decision waits for records
   *                              that come out of order
   */
  public record Settings(long windowMillis, long allowedLatenessMillis) implements Serializable {
    public Settings {
      if (windowMillis < 0) {
        throw new IllegalArgumentException("windowMillis must be >= 0, got " + windowMillis);
      }
      if (allowedLatenessMillis < 0) {
        throw new IllegalArgumentException("allowedLatenessMillis must be >= 0, got " + allowedLatenessMillis);
      }
      if (windowMillis > Long.MAX_VALUE - allowedLatenessMillis) {
        throw new IllegalArgumentException("windowMillis + allowedLatenessMillis overflows");
      }
    }

    /** The deadline of a record at {@code eventTime}: after it, nothing can change what it decides. */
    long deadline(long eventTime) {
      long horizon = windowMillis + allowedLatenessMillis;
      return eventTime > Long.MAX_VALUE - horizon ? Long.MAX_VALUE : eventTime + horizon;
    }

    /** Whether an engagement at {@code at} falls in the window of an impression at {@code impressionTime}. */
    boolean inWindow(long impressionTime, long at) {
      return at >= impressionTime && at - impressionTime <= windowMillis;
    }
  }

  private final Settings settings;

  /** The open impressions by request id. */
  private transient MapState<String, Impression> impressions;
  /** The example ids of open impressions' items already positive: each is emitted once, and is no negative. */
  private transient MapState<String, Boolean> positives;
  /** Engaged items by event time, in arrival order, each once. */
  private transient MapState<Long, long[]> engagements;
  private transient FeedbackMetrics metrics;
  private transient ListState<Long> watermarkState;
  private transient long watermark;

  public FeedbackJoiner(Settings settings) {
    this.settings = settings;
  }

  /** Whether an interaction is engagement with its item (see the class comment). */
  public static boolean engaged(Interaction i) {
    Boolean clicked = i.getClicked();
    return clicked != null ? clicked : i.getRating() != null;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    watermarkState = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>(WATERMARK_STATE, Types.LONG));
    watermark = Long.MIN_VALUE;
    if (ctx.isRestored()) {
      // Unchanged parallelism: this instance's own value. Rescaled: the least of those it is given, or none at all.
      long least = Long.MAX_VALUE;
      for (Long w : watermarkState.get()) {
        least = Math.min(least, w);
      }
      watermark = least == Long.MAX_VALUE ? Long.MIN_VALUE : least;
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    watermarkState.update(List.of(watermark));
  }

  @Override
  public void open(OpenContext openContext) {
    impressions = getRuntimeContext().getMapState(
        new MapStateDescriptor<>(IMPRESSIONS_STATE, Types.STRING, ImpressionSerializer.TYPE));
    positives = getRuntimeContext().getMapState(new MapStateDescriptor<>(POSITIVES_STATE, Types.STRING, Types.BOOLEAN));
    engagements = getRuntimeContext().getMapState(
        new MapStateDescriptor<>(ENGAGEMENTS_STATE, Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    metrics = new FeedbackMetrics(getRuntimeContext().getMetricGroup().addGroup("streamnet").addGroup("feedback"));
  }

  @Override
  public void processElement1(Impression impression, Context ctx, Collector<FeedbackExample> out) throws Exception {
    metrics.impressions.inc();
    TimerService timers = ctx.timerService();
    long t = impression.eventTimeMillis();
    long deadline = settings.deadline(t);
    if (deadline <= watermark(timers)) {
      metrics.lateImpressions.inc();
      return;
    }
    if (impression.size() == 0 || impressions.contains(impression.requestId())) {
      return;
    }
    impressions.put(impression.requestId(), impression);
    timers.registerEventTimeTimer(deadline);
    long now = timers.currentProcessingTime();
    List<Map.Entry<Long, long[]>> engaged = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : engagements.entries()) {
      if (settings.inWindow(t, e.getKey())) {
        engaged.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    engaged.sort(Map.Entry.comparingByKey());
    for (Map.Entry<Long, long[]> e : engaged) {
      for (long item : e.getValue()) {
        positive(impression, item, now, out);
      }
    }
  }

  @Override
  public void processElement2(Interaction interaction, Context ctx, Collector<FeedbackExample> out) throws Exception {
    if (!engaged(interaction)) {
      return;
    }
    TimerService timers = ctx.timerService();
    long at = interaction.getEventTime().toEpochMilli();
    long deadline = settings.deadline(at);
    if (deadline <= watermark(timers)) {
      metrics.lateInteractions.inc();
      return;
    }
    long item = interaction.getItemId();
    long now = timers.currentProcessingTime();
    List<Impression> matching = new ArrayList<>();
    for (Impression i : impressions.values()) {
      if (settings.inWindow(i.eventTimeMillis(), at) && i.rankOf(item) >= 0) {
        matching.add(i);
      }
    }
    matching.sort(IMPRESSION_ORDER);
    for (Impression i : matching) {
      positive(i, item, now, out);
    }
    long[] items = engagements.get(at);
    if (items == null) {
      engagements.put(at, new long[] {item});
      timers.registerEventTimeTimer(deadline);
    } else if (Arrays.stream(items).noneMatch(x -> x == item)) {
      long[] more = Arrays.copyOf(items, items.length + 1);
      more[items.length] = item;
      engagements.put(at, more);
    }
  }

  /**
   * The watermark that tells late records: Flink's, or after a restore, until Flink's catches up, the highest this
   * instance had seen before. Flink starts watermarks afresh on a restore, so without it the records replayed before
   * the first new watermark would all count as on time, and a late impression would yield examples it did not yield
   * in an uninterrupted run. What it had seen: the watermark at its last record or timer, at most Flink's at the
   * checkpoint, so a restored instance never calls late what an uninterrupted one did not.
   */
  private long watermark(TimerService timers) {
    watermark = Math.max(watermark, timers.currentWatermark());
    return watermark;
  }

  /** Emits {@code item} of {@code impression} as a positive unless it was not served or is one already. */
  private void positive(Impression impression, long item, long now, Collector<FeedbackExample> out) throws Exception {
    int rank = impression.rankOf(item);
    if (rank < 0) {
      return;
    }
    String id = FeedbackExample.id(impression.requestId(), item);
    if (positives.contains(id)) {
      return;
    }
    positives.put(id, Boolean.TRUE);
    out.collect(new FeedbackExample(impression.requestId(), impression.userId(), item, rank, true,
        impression.eventTimeMillis(), now));
    metrics.positives.inc();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedbackExample> out) throws Exception {
    watermark(ctx.timerService());
    long now = ctx.timerService().currentProcessingTime();
    long next = Long.MAX_VALUE;
    boolean remain = false;
    List<Impression> due = new ArrayList<>();
    for (Impression i : impressions.values()) {
      long deadline = settings.deadline(i.eventTimeMillis());
      if (deadline <= timestamp) {
        due.add(i);
      } else {
        next = Math.min(next, deadline);
        remain = true;
      }
    }
    due.sort(IMPRESSION_ORDER);
    for (Impression i : due) {
      for (int rank = 0; rank < i.size(); rank++) {
        String id = FeedbackExample.id(i.requestId(), i.item(rank));
        if (positives.contains(id)) {
          positives.remove(id);
        } else {
          out.collect(new FeedbackExample(i.requestId(), i.userId(), i.item(rank), rank, false, i.eventTimeMillis(),
              now));
          metrics.negatives.inc();
        }
      }
      impressions.remove(i.requestId());
    }
    List<Long> expired = new ArrayList<>();
    for (Long at : engagements.keys()) {
      long deadline = settings.deadline(at);
      if (deadline <= timestamp) {
        expired.add(at);
      } else {
        next = Math.min(next, deadline);
        remain = true;
      }
    }
    for (Long at : expired) {
      engagements.remove(at);
    }
    // Every entry has a timer at its own deadline; this one more keeps state bounded after a restore with a longer
    // window or lateness, whose entries' old timers fire before their new deadlines.
    if (remain) {
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  /** This instance's counters (for tests: Flink reports them by name). */
  FeedbackMetrics metrics() {
    return metrics;
  }
}
