package io.streamnet.connect.replay;

import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.schema.ReviewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Labeled texts as {@link ReviewEvent}s in the canonical stream order for a seed (the order the Python peers use,
 * {@link CanonicalOrder}). The id is {@code <dataset>-<file index>}, stable across seeds and replays, and is the
 * key. A held-back record becomes a request: same id and text, label null. The texts carry no time of their own,
 * so the event time is when the event is built, i.e. when it is observed by the stream (just before it is sent).
 */
public final class TextEventSequence implements EventSequence {
    private final String idPrefix;
    private final List<LabeledText> texts;
    private final int[] order;
    private final HoldBack holdBack;
    private final LongSupplier clockMillis;

    /**
     * @param dataset     the dataset's name, the prefix of every id (e.g. {@code sst2})
     * @param texts       the records in file order (as the readers of {@code io.streamnet.nn.data} return them)
     * @param seed        seed of the canonical order
     * @param holdBack    which records become requests
     * @param clockMillis the event-time clock (epoch milliseconds)
     */
    public TextEventSequence(String dataset, List<LabeledText> texts, int seed, HoldBack holdBack,
            LongSupplier clockMillis) {
        this.idPrefix = Objects.requireNonNull(dataset, "dataset") + "-";
        this.texts = List.copyOf(texts);
        this.order = CanonicalOrder.permutation(texts.size(), seed);
        this.holdBack = Objects.requireNonNull(holdBack, "holdBack");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public int size() {
        return order.length;
    }

    @Override
    public ReplayEvent get(int position) {
        LabeledText t = texts.get(order[position]);
        boolean request = holdBack.isRequest(t.index());
        String id = idPrefix + t.index();
        ReviewEvent event = new ReviewEvent(id, t.text(), request ? null : t.label(),
                Instant.ofEpochMilli(clockMillis.getAsLong()), null);
        return new ReplayEvent(request, id, event);
    }
}
