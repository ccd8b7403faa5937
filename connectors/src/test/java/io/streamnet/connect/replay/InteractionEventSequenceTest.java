package io.streamnet.connect.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.Rating;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionEventSequenceTest {

    private static final List<Rating> RATINGS = List.of(
            new Rating(7, 10, 4.5f, 828124615L),
            new Rating(3, 11, 0.5f, 964982703L),
            new Rating(7, 12, 5.0f, 964982703L),
            new Rating(1, 13, 3.0f, 1537799250L));

    @Test
    void mapsRatingsToInteractionsWithTheirEventTimeKeyedByUser() {
        InteractionEventSequence events = new InteractionEventSequence(RATINGS, HoldBack.none(), 10);
        assertEquals(4, events.size());
        for (int p = 0; p < RATINGS.size(); p++) {
            Rating r = RATINGS.get(p);
            ReplayEvent e = events.get(p);
            assertFalse(e.request());
            assertEquals(Integer.toString(r.userId()), e.key(), "keyed by user: one user's events stay in order");
            Interaction i = (Interaction) e.value();
            assertEquals(r.userId(), i.getUserId());
            assertEquals(r.movieId(), i.getItemId());
            assertEquals(r.rating(), i.getRating());
            assertNull(i.getClicked(), "explicit feedback only");
            assertEquals(r.timestamp() * 1000, i.getEventTime().toEpochMilli());
        }
    }

    @Test
    void heldBackRatingsBecomeRequestsForTheirUserAtTheirTime() {
        HoldBack holdBack = new HoldBack(0.5, 42);
        InteractionEventSequence events = new InteractionEventSequence(RATINGS, holdBack, 20);
        for (int p = 0; p < RATINGS.size(); p++) {
            Rating r = RATINGS.get(p);
            ReplayEvent e = events.get(p);
            assertEquals(holdBack.isRequest(p), e.request(), "position " + p);
            if (e.request()) {
                RecoRequest q = (RecoRequest) e.value();
                assertEquals("movielens-" + r.userId() + "-" + r.movieId(), q.getRequestId());
                assertEquals(q.getRequestId(), e.key(), "the contract keys requests by request id");
                assertEquals(r.userId(), q.getUserId());
                assertEquals(20, q.getK());
                assertNull(q.getCandidateItemIds());
                assertEquals(r.timestamp() * 1000, q.getEventTime().toEpochMilli());
            } else {
                assertTrue(e.value() instanceof Interaction);
            }
        }
        InteractionEventSequence all = new InteractionEventSequence(RATINGS, new HoldBack(1, 42), 5);
        for (int p = 0; p < RATINGS.size(); p++) {
            assertTrue(all.get(p).value() instanceof RecoRequest);
        }
    }

    @Test
    void rejectsRatingsOutOfStreamOrderNamingThePosition() {
        List<Rating> unsorted = List.of(RATINGS.get(1), RATINGS.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InteractionEventSequence(unsorted, HoldBack.none(), 10));
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void tiesInTimeAreOrderedByUserThenMovie() {
        // Same timestamp, user 7 before user 3: not the stream order.
        List<Rating> wrong = List.of(RATINGS.get(2), RATINGS.get(1));
        assertThrows(IllegalArgumentException.class, () -> new InteractionEventSequence(wrong, HoldBack.none(), 10));
    }

    @Test
    void rejectsKBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new InteractionEventSequence(RATINGS, HoldBack.none(), 0));
    }
}
