package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * The exact 0-based rank of a held-out item under the prequential protocol: among the items the user had not
 * interacted with at that moment, by score, ties to the lower item id, counted up to a limit (HR@K and NDCG@K only
 * need to know that a rank is at least K).
 *
 * <p>Which items compete: every item with a row, and, when a catalogue is given (the peers' protocol: every item of
 * the dataset, known up front), also every catalogue item without a row, which the model scores with the shared
 * row, as it scores any id it has not admitted. Without a catalogue (a stream whose items are not known up front)
 * an item without a row cannot be ranked: a miss.
 */
final class ExactRank {
    private ExactRank() {}

    /**
     * @param scores    the user's scores of the item rows: row r at {@code scores[off + r]}, r in [0, end)
     * @param addedEnd  the user's exclusion set is what the history held when it had received this many items
     * @param catalogue every item id of the stream, sorted ascending, or null
     * @return the rank, {@code limit} if it is at least that, {@link Integer#MAX_VALUE} when the item cannot be ranked
     *         (interacted with before, or no row and no catalogue)
     */
    static int of(IdVocabulary items, float[] scores, int off, int end, UserHistory history, long itemId,
                  long addedEnd, int limit, long[] catalogue) {
        if (history != null && history.interactedBefore(itemId, addedEnd)) {
            return Integer.MAX_VALUE;
        }
        int target = items.rowOf(itemId);
        if (target == IdVocabulary.SHARED_ROW && catalogue == null) {
            return Integer.MAX_VALUE;
        }
        float t = scores[off + target];
        int rank = 0;
        for (int row = 1; row < end; row++) {
            long id = items.idAt(row);
            // The set lookup only for the few rows that beat the target.
            if (row != target && id != IdVocabulary.FREE && ranksBefore(scores[off + row], id, t, itemId)
                    && !excluded(history, id, addedEnd) && ++rank >= limit) {
                return limit;
            }
        }
        if (catalogue == null) {
            return rank;
        }
        float shared = scores[off + IdVocabulary.SHARED_ROW];
        if (shared > t) {
            // Every catalogue item without a row beats the target.
            return (int) Math.min(limit, rank + rowlessCompetitors(items, history, addedEnd, catalogue, itemId));
        }
        if (shared == t) {
            // Those with a lower id beat it (always the case for a target without a row: it has the shared score).
            for (int i = 0; i < catalogue.length && catalogue[i] < itemId; i++) {
                long id = catalogue[i];
                if (items.rowOf(id) == IdVocabulary.SHARED_ROW && !excluded(history, id, addedEnd) && ++rank >= limit) {
                    return limit;
                }
            }
        }
        return rank;
    }

    /** Catalogue items without a row, other than {@code itemId}, that the user had not interacted with. */
    private static long rowlessCompetitors(IdVocabulary items, UserHistory history, long addedEnd, long[] catalogue,
                                           long itemId) {
        // Every id with a row is in the catalogue (it holds every id of the stream).
        long rowless = catalogue.length - items.size();
        if (items.rowOf(itemId) == IdVocabulary.SHARED_ROW) {
            rowless--;
        }
        if (history != null) {
            for (int i = 0, n = history.interactedCount(); i < n; i++) {
                long id = history.interactedItem(i);
                if (id != itemId && items.rowOf(id) == IdVocabulary.SHARED_ROW && history.interactedBefore(id, addedEnd)
                        && Arrays.binarySearch(catalogue, id) >= 0) {
                    rowless--;
                }
            }
        }
        return rowless;
    }

    private static boolean excluded(UserHistory history, long id, long addedEnd) {
        return history != null && history.interactedBefore(id, addedEnd);
    }

    /** Whether score {@code s} of item {@code id} ranks before {@code otherScore} of {@code otherId}. */
    static boolean ranksBefore(float s, long id, float otherScore, long otherId) {
        return s > otherScore || (s == otherScore && id < otherId);
    }
}
