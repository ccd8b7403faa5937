package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserHistoryTest {
    @Test
    void keepsTheLastItemsMostRecentFirstAndEveryInteraction() {
        UserHistory h = new UserHistory(new HistorySpec(3, false, 100));
        for (long item = 1; item <= 5; item++) {
            h.record(item, item % 2 == 1);
        }
        assertEquals(3, h.recentCount());
        assertEquals(5, h.recentItem(0));
        assertEquals(4, h.recentItem(1));
        assertEquals(3, h.recentItem(2));
        assertTrue(h.recentPositive(0));
        assertFalse(h.recentPositive(1));
        long[] out = new long[3];
        assertEquals(3, h.copyRecent(out, 0));
        assertArrayEquals(new long[] {5, 4, 3}, out);
        assertEquals(5, h.interactedCount());
        for (long item = 1; item <= 5; item++) {
            assertTrue(h.hasInteracted(item));
        }
        assertFalse(h.hasInteracted(6));
    }

    @Test
    void positivesOnlyKeepsNegativesOutOfTheRecentItemsButNotOutOfTheSet() {
        UserHistory h = new UserHistory(new HistorySpec(4, true, 100));
        h.record(1, true);
        h.record(2, false);
        assertEquals(1, h.recentCount());
        assertEquals(1, h.recentItem(0));
        assertTrue(h.hasInteracted(2));
    }

    @Test
    void theInteractedSetForgetsTheOldestBeyondItsBound() {
        UserHistory h = new UserHistory(new HistorySpec(2, false, 3));
        for (long item = 1; item <= 5; item++) {
            h.record(item, true);
        }
        h.record(5, true); // a repeat changes nothing in the set
        assertEquals(3, h.interactedCount());
        assertFalse(h.hasInteracted(1));
        assertFalse(h.hasInteracted(2));
        assertEquals(3, h.interactedItem(0));
        assertEquals(5, h.interactedItem(2));
    }

    @Test
    void encodingRoundTripsExactly() {
        UserHistory h = new UserHistory(new HistorySpec(5, false, 50));
        for (long item = 0; item < 80; item++) {
            h.record(item * 7919 % 61, item % 3 == 0);
        }
        byte[] bytes = h.encode();
        UserHistory back = UserHistory.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        for (long item = 80; item < 120; item++) {
            h.record(item * 7919 % 61, item % 3 == 0);
            back.record(item * 7919 % 61, item % 3 == 0);
        }
        assertArrayEquals(h.encode(), back.encode());
        assertArrayEquals(new UserHistory(new HistorySpec(5, false, 50)).encode(),
                UserHistory.decode(new UserHistory(new HistorySpec(5, false, 50)).encode()).encode());
    }
}
