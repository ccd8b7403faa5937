package io.streamnet.connect.replay;

/**
 * A dataset's events in stream order, built lazily: {@link #get} maps one record when the replayer is about to send
 * it, so a long replay never holds all its Avro events at once.
 */
public interface EventSequence {

    /** How many events the whole stream has. */
    int size();

    /** The event at stream position {@code position} ({@code 0 <= position < size()}). */
    ReplayEvent get(int position);
}
