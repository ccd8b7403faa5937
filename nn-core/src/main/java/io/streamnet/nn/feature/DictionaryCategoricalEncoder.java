package io.streamnet.nn.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Categorical value to id by a bounded dictionary: values get ids {@code 1, 2, 3, ...} in the order they are first
 * seen, up to {@code capacity - 1} distinct values; id {@link #OUT_OF_VOCABULARY} (0) stands for every value seen
 * after the dictionary is full, and for unknown values on {@link #lookup}. Unlike hashing there are no collisions
 * among the first {@code capacity - 1} values, and the ids are deterministic given the stream order.
 *
 * <p>The assignment order is the state: {@link #values()} and {@link #restore} round-trip it for checkpoints.
 */
public final class DictionaryCategoricalEncoder<K> {
    public static final int OUT_OF_VOCABULARY = 0;

    private final int capacity;
    private final Map<K, Integer> ids = new HashMap<>();
    private final List<K> values = new ArrayList<>();

    /** @param capacity size of the id range {@code [0, capacity)}, including the out-of-vocabulary id 0 */
    public DictionaryCategoricalEncoder(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2 (id 0 is out-of-vocabulary), got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Rebuilds an encoder from {@link #values()} of another one (ids 1..n in list order). */
    public static <K> DictionaryCategoricalEncoder<K> restore(int capacity, List<K> values) {
        DictionaryCategoricalEncoder<K> encoder = new DictionaryCategoricalEncoder<>(capacity);
        if (values.size() > capacity - 1) {
            throw new IllegalArgumentException(values.size() + " values do not fit capacity " + capacity);
        }
        for (K value : values) {
            if (encoder.lookup(value) != OUT_OF_VOCABULARY) {
                throw new IllegalArgumentException("duplicate value in dictionary state: " + value);
            }
            encoder.idOf(value);
        }
        return encoder;
    }

    /** The id of {@code value}, assigning the next free id if it is new and there is room. */
    public int idOf(K value) {
        Objects.requireNonNull(value, "categorical value");
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        if (values.size() >= capacity - 1) {
            return OUT_OF_VOCABULARY;
        }
        values.add(value);
        int assigned = values.size();
        ids.put(value, assigned);
        return assigned;
    }

    /** The id of {@code value} without assigning one: {@link #OUT_OF_VOCABULARY} when unknown. */
    public int lookup(K value) {
        Integer id = ids.get(value);
        return id == null ? OUT_OF_VOCABULARY : id;
    }

    public int capacity() {
        return capacity;
    }

    /** Number of distinct values holding their own id. */
    public int size() {
        return values.size();
    }

    public boolean isFull() {
        return values.size() >= capacity - 1;
    }

    /** Values in id order: element {@code j} has id {@code j + 1}. */
    public List<K> values() {
        return Collections.unmodifiableList(values);
    }
}
