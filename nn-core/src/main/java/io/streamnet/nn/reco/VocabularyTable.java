package io.streamnet.nn.reco;

import io.streamnet.nn.snapshot.IdTable;

/**
 * An {@link IdVocabulary} as snapshots carry it: which id each row holds. Row 0, the shared row, never holds one; a
 * snapshot's entry for it is accepted only as {@link IdTable#NO_ID}.
 */
record VocabularyTable(String name, IdVocabulary vocabulary) implements IdTable {
    @Override
    public int rows() {
        return vocabulary.capacity();
    }

    @Override
    public long idAt(int row) {
        long id = vocabulary.idAt(row);
        return id == IdVocabulary.FREE ? NO_ID : id;
    }

    @Override
    public void assign(int row, long id) {
        if (row == IdVocabulary.SHARED_ROW) {
            if (id != NO_ID) {
                throw new IllegalArgumentException("id table '" + name + "': row 0 is shared and holds no id, got " + id);
            }
            return;
        }
        vocabulary.assign(row, id == NO_ID ? IdVocabulary.FREE : id);
    }
}
