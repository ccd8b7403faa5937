package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.LabeledText;
import io.streamnet.schema.ReviewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextEventSequenceTest {

    private static final List<LabeledText> TEXTS = IntStream.range(0, 500)
            .mapToObj(i -> new LabeledText(i, "text number " + i, i % 3 == 0 ? 1 : 0)).toList();

    /** The canonical order as ../shared/peers/README.md states it, computed here independently. */
    private static List<Integer> peersOrder(int n, int seed) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingLong(i -> Integer.toUnsignedLong(fmix32(i + seed * 0x9E3779B9))))
                .toList();
    }

    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    @Test
    void streamsTheTextsInTheCanonicalOrderOfTheSeed() {
        for (int seed : new int[] {42, 7}) {
            TextEventSequence events = new TextEventSequence("uci", TEXTS, seed, HoldBack.none(), () -> 0L);
            assertEquals(TEXTS.size(), events.size());
            List<String> ids = new ArrayList<>();
            for (int p = 0; p < events.size(); p++) {
                ids.add(events.get(p).key());
            }
            assertEquals(peersOrder(TEXTS.size(), seed).stream().map(i -> "uci-" + i).toList(), ids, "seed " + seed);
        }
    }

    @Test
    void mapsEachTextToALabeledReviewEventKeyedByItsId() {
        TextEventSequence events = new TextEventSequence("sst2", TEXTS, 42, HoldBack.none(), () -> 1_700_000_000_123L);
        for (int p = 0; p < events.size(); p++) {
            ReplayEvent e = events.get(p);
            ReviewEvent review = (ReviewEvent) e.value();
            int index = Integer.parseInt(review.getId().substring("sst2-".length()));
            LabeledText source = TEXTS.get(index);
            assertFalse(e.request());
            assertEquals(review.getId(), e.key());
            assertEquals(source.text(), review.getText());
            assertEquals(source.label(), review.getLabel());
            assertNull(review.getRating(), "these sets carry no rating");
            assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), review.getEventTime());
        }
    }

    @Test
    void heldBackTextsBecomeUnlabeledRequestsChosenByTheirFileIndex() {
        HoldBack holdBack = new HoldBack(0.25, 42);
        TextEventSequence events = new TextEventSequence("imdb", TEXTS, 42, holdBack, () -> 0L);
        Set<String> requests = new HashSet<>();
        for (int p = 0; p < events.size(); p++) {
            ReplayEvent e = events.get(p);
            ReviewEvent review = (ReviewEvent) e.value();
            int index = Integer.parseInt(e.key().substring("imdb-".length()));
            assertEquals(holdBack.isRequest(index), e.request(), "record " + index);
            if (e.request()) {
                assertNull(review.getLabel(), "a request carries no label");
                assertEquals(TEXTS.get(index).text(), review.getText());
                requests.add(e.key());
            } else {
                assertEquals(TEXTS.get(index).label(), review.getLabel());
            }
        }
        assertEquals(125, requests.size(), 4 * Math.sqrt(500 * 0.25 * 0.75));
        assertTrue(!requests.isEmpty() && requests.size() < TEXTS.size());
    }

    @Test
    void theEventTimeIsReadWhenTheEventIsBuilt() {
        long[] clock = {1000};
        TextEventSequence events = new TextEventSequence("uci", TEXTS, 42, HoldBack.none(), () -> clock[0]);
        ReviewEvent first = (ReviewEvent) events.get(0).value();
        clock[0] = 5000;
        ReviewEvent second = (ReviewEvent) events.get(1).value();
        assertEquals(1000, first.getEventTime().toEpochMilli());
        assertEquals(5000, second.getEventTime().toEpochMilli());
    }
}
