package io.streamnet.nn.reco;

/** An interaction that cannot be learned from; the message names the field and the event's index in its batch. */
public final class InvalidEventException extends IllegalArgumentException {
    private final int index;
    private final String field;

    public InvalidEventException(int index, String field, String problem) {
        super("event " + index + ": " + field + " " + problem);
        this.index = index;
        this.field = field;
    }

    /** Position of the event in its batch. */
    public int index() {
        return index;
    }

    public String field() {
        return field;
    }
}
