package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.random.Rng;
import io.streamnet.nn.state.StateFormatException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdVocabularyTest {
    private static VocabularySpec spec(int capacity, int minCount, long idleEvents, long idleMillis, int candidates) {
        return new VocabularySpec(capacity, minCount, idleEvents, idleMillis, candidates);
    }

    @Test
    void anIdGetsItsOwnRowOnlyAfterMinCountSightings() {
        IdVocabulary v = new IdVocabulary(spec(8, 3, 0, 0, 4));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(1000L, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(1000L, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.rowOf(1000L));
        int row = v.observe(1000L, 0);
        assertEquals(1, row);
        assertEquals(row, v.rowOf(1000L));
        assertEquals(1000L, v.idAt(row));
        assertEquals(IdVocabulary.FREE, v.idAt(IdVocabulary.SHARED_ROW));
        assertEquals(IdVocabulary.FREE, v.idAt(2));
        assertEquals(1, v.size());
        assertEquals(0, v.candidates());
    }

    @Test
    void idsAreNeverMixedUpAndAFullTableSendsNewIdsToTheSharedRow() {
        IdVocabulary v = new IdVocabulary(spec(4, 1, 0, 0, 0));
        // Ids that would collide in any small hash table each get their own row.
        assertEquals(1, v.observe(7L, 0));
        assertEquals(2, v.observe(7L + (1L << 40), 0));
        assertEquals(3, v.observe(-7L, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(8L, 0));
        assertEquals(1, v.rowOf(7L));
        assertEquals(2, v.rowOf(7L + (1L << 40)));
        assertEquals(3, v.capacity() - 1);
    }

    @Test
    void idleIdsExpireByEventsAndTheirRowIsReusedLastFreedFirst() {
        IdVocabulary v = new IdVocabulary(spec(8, 1, 3, 0, 0));
        List<String> expired = new ArrayList<>();
        v.setExpiryListener((row, id) -> expired.add(row + ":" + id));
        assertEquals(1, v.observe(10, 0));
        assertEquals(2, v.observe(20, 0));
        assertEquals(2, v.observe(20, 0));
        assertEquals(2, v.observe(20, 0));
        assertEquals(List.of(), expired); // 10 was last seen 3 observations ago: not more than max_idle_events
        assertEquals(2, v.observe(20, 0));
        assertEquals(List.of("1:10"), expired);
        assertEquals(IdVocabulary.SHARED_ROW, v.rowOf(10));
        assertEquals(1, v.observe(30, 0)); // the freed row first, not the fresh row 3
        assertEquals(1, v.expirations());
    }

    @Test
    void idleIdsExpireByEventTime() {
        IdVocabulary v = new IdVocabulary(spec(8, 1, 0, 1000, 0));
        List<Long> expired = new ArrayList<>();
        v.setExpiryListener((row, id) -> expired.add(id));
        v.observe(1, 0);
        v.observe(2, 500);
        v.observe(2, 1000);
        assertEquals(List.of(), expired);
        v.observe(2, 1001);
        assertEquals(List.of(1L), expired);
        assertEquals(2, v.rowOf(2));
    }

    @Test
    void candidatesAreBoundedAndTheStalestIsForgotten() {
        IdVocabulary v = new IdVocabulary(spec(8, 2, 0, 0, 2));
        v.observe(1, 0);
        v.observe(2, 0);
        v.observe(3, 0); // forgets candidate 1
        assertEquals(2, v.candidates());
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(1, 0)); // counts from 1 again
        assertEquals(1, v.observe(1, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(2, 0)); // 2 was forgotten when 1 came back
    }

    @Test
    void aCandidateWaitsForAFreeRowWhenTheTableIsFull() {
        IdVocabulary v = new IdVocabulary(spec(2, 2, 4, 0, 4));
        v.observe(1, 0);
        assertEquals(1, v.observe(1, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(2, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(2, 0)); // admitted but no row free
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(2, 0));
        assertEquals(IdVocabulary.SHARED_ROW, v.observe(2, 0));
        assertEquals(1, v.observe(2, 0)); // 1 idle for 5 > 4 observations: its row goes to 2
    }

    @Test
    void assignInstallsAndFreesRows() {
        IdVocabulary v = new IdVocabulary(spec(8, 2, 0, 0, 4));
        v.assign(5, 42L);
        assertEquals(5, v.rowOf(42L));
        assertEquals(42L, v.idAt(5));
        v.assign(3, 42L); // moves
        assertEquals(3, v.rowOf(42L));
        assertEquals(IdVocabulary.FREE, v.idAt(5));
        v.assign(3, IdVocabulary.FREE);
        assertEquals(IdVocabulary.SHARED_ROW, v.rowOf(42L));
        assertThrows(IllegalArgumentException.class, () -> v.assign(0, 1L));
        assertThrows(IllegalArgumentException.class, () -> v.assign(8, 1L));
        assertThrows(IllegalArgumentException.class, () -> v.observe(IdVocabulary.FREE, 0));
    }

    @Test
    void encodingRoundTripsExactlyAndTheCopyContinuesIdentically() {
        VocabularySpec s = spec(64, 2, 50, 100_000, 16);
        IdVocabulary a = new IdVocabulary(s);
        Rng rng = new Rng(3);
        for (int i = 0; i < 500; i++) {
            a.observe(rng.nextInt(120), i * 37L);
        }
        byte[] bytes = a.encode();
        IdVocabulary b = IdVocabulary.decode(bytes);
        assertArrayEquals(bytes, b.encode());
        assertEquals(a.size(), b.size());
        assertTrue(a.expirations() > 0 && a.candidates() > 0, "the stream must exercise expiry and candidates");
        for (int i = 500; i < 1500; i++) {
            long id = rng.nextInt(120);
            assertEquals(a.observe(id, i * 37L), b.observe(id, i * 37L), "observation " + i);
        }
        assertArrayEquals(a.encode(), b.encode());
    }

    @Test
    void corruptedOrForeignBytesAreRefusedWithTheReason() {
        byte[] bytes = new IdVocabulary(spec(8, 1, 0, 0, 0)).encode();
        bytes[20] ^= 1;
        StateFormatException e = assertThrows(StateFormatException.class, () -> IdVocabulary.decode(bytes));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] other = new UserHistory(new HistorySpec(4, false, 8)).encode();
        StateFormatException f = assertThrows(StateFormatException.class, () -> IdVocabulary.decode(other));
        assertTrue(f.getMessage().contains("SNVO"), f.getMessage());
    }
}
