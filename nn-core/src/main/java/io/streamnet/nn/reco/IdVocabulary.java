package io.streamnet.nn.reco;

/**
 * Maps real ids (user or item ids, any long but {@link #FREE}) to rows of fixed-size tables, without hash
 * collisions: an id has a row of its own or none.
 *
 * <p><b>Why fixed capacity.</b> nn-core's {@link io.streamnet.nn.layer.Parameter}s have fixed shapes, and the
 * snapshot and delta machinery and the optimizer slots rely on that; so a table has {@code capacity} rows allocated
 * once, memory is bounded by it, and expiry keeps the active ids within it.
 *
 * <p><b>Admission.</b> Row 0 is shared: {@link #observe} returns it for an id seen fewer than {@code min_count}
 * times, and for an admitted-to-be id while every row is taken. The counts of ids not yet admitted are kept for at
 * most {@code max_candidates} ids; beyond that the least recently seen candidate is forgotten (it starts counting
 * again if it comes back), so memory stays bounded on a stream with unbounded ids.
 *
 * <p><b>Expiry.</b> An admitted id not observed for more than {@code max_idle_events} observations, or whose last
 * observation is more than {@code max_idle_ms} of event time behind the latest one, loses its row; the row goes back
 * to the free rows and the {@link ExpiryListener} is told, so that the model re-initialises the row's weights from
 * its seeded generator and resets its optimizer slots. Rows are checked in least-recently-observed order: exact for
 * {@code max_idle_events}, and for {@code max_idle_ms} when event times do not go backwards (an out-of-order row
 * waits until it is the least recently observed). Freed rows are reused last-freed first, fresh rows lowest first.
 *
 * <p><b>State.</b> Rows, admission counts, last uses, the free-row order and the clocks are all state:
 * {@link #encode()} / {@link #decode(byte[])} round-trip them bit for bit, so a restored vocabulary admits and
 * expires exactly as the original would have.
 *
 * <p>Not thread-safe. Nothing is allocated per call.
 */
public final class IdVocabulary {
    /** {@link #idAt} of row 0 and of free rows; not a valid id. */
    public static final long FREE = LongIntHashMap.NO_KEY;
    /** The row of ids without a row of their own. */
    public static final int SHARED_ROW = 0;
    static final byte[] MAGIC = {'S', 'N', 'V', 'O'};
    static final int VERSION = 1;

    /** Told when an id loses its row to expiry (not when {@link #assign} frees one). */
    public interface ExpiryListener {
        void rowExpired(int row, long id);
    }

    private final VocabularySpec spec;
    /** Slot s holds row s + 1. */
    private final RecencyIndex rows;
    private final long[] lastUseEvent;
    private final long[] lastUseMillis;
    private final RecencyIndex candidates;
    private final int[] candidateCount;
    private long clock;
    private long latestMillis = Long.MIN_VALUE;
    private long admissions;
    private long expirations;
    private int highWater = 1;
    private ExpiryListener listener;

    public IdVocabulary(VocabularySpec spec) {
        this.spec = spec;
        this.rows = new RecencyIndex(spec.capacity() - 1);
        this.lastUseEvent = new long[spec.capacity() - 1];
        this.lastUseMillis = new long[spec.capacity() - 1];
        this.candidates = new RecencyIndex(spec.maxCandidates());
        this.candidateCount = new int[spec.maxCandidates()];
    }

    public VocabularySpec spec() {
        return spec;
    }

    public void setExpiryListener(ExpiryListener listener) {
        this.listener = listener;
    }

    /**
     * The training path: counts one observation of {@code id} at {@code eventTimeMillis}, admits it when it has been
     * seen {@code min_count} times and a row is free, updates its last use, expires idle ids.
     *
     * @return its row, or {@link #SHARED_ROW}
     */
    public int observe(long id, long eventTimeMillis) {
        checkId(id);
        clock++;
        latestMillis = Math.max(latestMillis, eventTimeMillis);
        int slot = rows.slotOf(id);
        if (slot != RecencyIndex.NONE) {
            rows.touch(slot);
            use(slot, eventTimeMillis);
            expireIdle();
            return slot + 1;
        }
        expireIdle();
        int candidate = RecencyIndex.NONE;
        if (spec.minCount() > 1) {
            candidate = countCandidate(id);
            if (candidateCount[candidate] < spec.minCount()) {
                return SHARED_ROW;
            }
        }
        slot = rows.add(id);
        if (slot == RecencyIndex.NONE) {
            return SHARED_ROW; // full: a candidate keeps its count and is admitted once a row is free
        }
        if (candidate != RecencyIndex.NONE) {
            candidates.remove(candidate);
        }
        use(slot, eventTimeMillis);
        admissions++;
        highWater = Math.max(highWater, slot + 2);
        return slot + 1;
    }

    /** Counts one sighting of a candidate (remembering it, and forgetting the stalest one if needed); its slot. */
    private int countCandidate(long id) {
        int c = candidates.slotOf(id);
        if (c == RecencyIndex.NONE) {
            c = candidates.add(id);
            if (c == RecencyIndex.NONE) {
                candidates.remove(candidates.oldest());
                c = candidates.add(id);
            }
            candidateCount[c] = 0;
        } else {
            candidates.touch(c);
        }
        if (candidateCount[c] < spec.minCount()) {
            candidateCount[c]++;
        }
        return c;
    }

    private void use(int slot, long eventTimeMillis) {
        lastUseEvent[slot] = clock;
        lastUseMillis[slot] = eventTimeMillis;
    }

    private void expireIdle() {
        for (int s = rows.oldest(); s != RecencyIndex.NONE; s = rows.oldest()) {
            boolean idle = (spec.maxIdleEvents() > 0 && clock - lastUseEvent[s] > spec.maxIdleEvents())
                    || (spec.maxIdleMillis() > 0 && latestMillis - lastUseMillis[s] > spec.maxIdleMillis());
            if (!idle) {
                return;
            }
            long id = rows.remove(s);
            expirations++;
            if (listener != null) {
                listener.rowExpired(s + 1, id);
            }
        }
    }

    /** The row of {@code id}, or {@link #SHARED_ROW} if it has none; counts nothing (the scoring path). */
    public int rowOf(long id) {
        int slot = rows.slotOf(id);
        return slot == RecencyIndex.NONE ? SHARED_ROW : slot + 1;
    }

    /** The id holding {@code row}, or {@link #FREE} for row 0 and free rows. */
    public long idAt(int row) {
        return row == SHARED_ROW ? FREE : rows.idAt(row - 1);
    }

    /** Rows of the table, row 0 included. */
    public int capacity() {
        return spec.capacity();
    }

    /** Ids holding a row now. */
    public int size() {
        return rows.size();
    }

    /** Every row that holds an id is below this bound (scans of the admitted rows stop there). */
    public int highWater() {
        return highWater;
    }

    /**
     * Installs a mapping, for a scoring copy that mirrors the trainer's vocabulary: {@code row} (>= 1) now holds
     * {@code id}, or nothing when {@code id} is {@link #FREE}. The id leaves any other row it held. No listener is
     * told: the copy receives the row's weights from the trainer.
     */
    public void assign(int row, long id) {
        if (row < 1 || row >= spec.capacity()) {
            throw new IllegalArgumentException("row " + row + " outside [1, " + spec.capacity() + ")");
        }
        int slot = row - 1;
        if (rows.idAt(slot) == id) {
            return;
        }
        if (rows.idAt(slot) != FREE) {
            rows.remove(slot);
        }
        if (id == FREE) {
            return;
        }
        int previous = rows.slotOf(id);
        if (previous != RecencyIndex.NONE) {
            rows.remove(previous);
        }
        rows.addAt(slot, id);
        use(slot, latestMillis);
        highWater = Math.max(highWater, row + 1);
    }

    /** Ids admitted so far. */
    public long admissions() {
        return admissions;
    }

    /** Ids that lost their row to expiry so far. */
    public long expirations() {
        return expirations;
    }

    /** Ids counting towards admission now. */
    public int candidates() {
        return candidates.size();
    }

    private static void checkId(long id) {
        if (id == FREE) {
            throw new IllegalArgumentException("id " + FREE + " is reserved (IdVocabulary.FREE)");
        }
    }

    /** The whole state (spec, rows, counts, last uses, clocks), versioned and checksummed. */
    public byte[] encode() {
        return StateWriter.encode(MAGIC, VERSION, this::writeTo);
    }

    /** A vocabulary equal to the encoded one in every respect (its listener is not state: set it again). */
    public static IdVocabulary decode(byte[] bytes) {
        StateReader in = StateReader.open(bytes, MAGIC, VERSION, "id vocabulary state");
        IdVocabulary v = readFrom(in);
        in.finish();
        return v;
    }

    void writeTo(StateWriter out) {
        out.putInt(spec.capacity()).putInt(spec.minCount()).putLong(spec.maxIdleEvents())
                .putLong(spec.maxIdleMillis()).putInt(spec.maxCandidates());
        out.putLong(clock).putLong(latestMillis).putLong(admissions).putLong(expirations);
        rows.writeTo(out);
        for (int s = rows.oldest(); s != RecencyIndex.NONE; s = rows.newerThan(s)) {
            out.putLong(lastUseEvent[s]).putLong(lastUseMillis[s]);
        }
        candidates.writeTo(out);
        for (int c = candidates.oldest(); c != RecencyIndex.NONE; c = candidates.newerThan(c)) {
            out.putInt(candidateCount[c]);
        }
    }

    static IdVocabulary readFrom(StateReader in) {
        VocabularySpec spec;
        try {
            spec = new VocabularySpec(in.getInt("capacity"), in.getInt("min_count"), in.getLong("max_idle_events"),
                    in.getLong("max_idle_ms"), in.getInt("max_candidates"));
        } catch (IllegalArgumentException e) {
            throw in.invalid("vocabulary spec", e.getMessage());
        }
        IdVocabulary v = new IdVocabulary(spec);
        v.clock = in.getLong("clock");
        v.latestMillis = in.getLong("latest event time");
        v.admissions = in.getLong("admissions");
        v.expirations = in.getLong("expirations");
        v.rows.readFrom(in, "rows");
        for (int s = v.rows.oldest(); s != RecencyIndex.NONE; s = v.rows.newerThan(s)) {
            v.lastUseEvent[s] = in.getLong("last use");
            v.lastUseMillis[s] = in.getLong("last use time");
            v.highWater = Math.max(v.highWater, s + 2);
        }
        v.candidates.readFrom(in, "candidates");
        for (int c = v.candidates.oldest(); c != RecencyIndex.NONE; c = v.candidates.newerThan(c)) {
            v.candidateCount[c] = in.getInt("candidate count", 1, spec.minCount());
        }
        return v;
    }

    /** Assigns every row of this vocabulary to the same id in {@code to} (a scoring copy's vocabulary). */
    void copyRowsTo(IdVocabulary to) {
        for (int row = 1; row < highWater(); row++) {
            to.assign(row, idAt(row));
        }
    }
}
