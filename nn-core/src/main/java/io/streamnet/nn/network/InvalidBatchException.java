package io.streamnet.nn.network;

/**
 * A batch holding a value that must never reach the weights (NaN or infinite feature or target, an id outside
 * the table, a shape that does not match the spec). Thrown before anything is touched: weights, optimizer
 * state, generator and counters are unchanged. The message names the field and the example's index in the batch.
 */
public final class InvalidBatchException extends IllegalArgumentException {
    private final String field;
    private final int index;

    public InvalidBatchException(String field, int index, String problem) {
        super(field + (index >= 0 ? ", example " + index : "") + ": " + problem);
        this.field = field;
        this.index = index;
    }

    /** The offending field: {@code input 'name'}, {@code targets} or {@code weights} (or {@code batch}). */
    public String field() {
        return field;
    }

    /** Index of the offending example in the batch, or -1 when the problem is not one example's. */
    public int index() {
        return index;
    }
}
