package io.streamnet.nn.reco;

import java.util.Arrays;

/**
 * The events of one training step, each with the user's recent items as they were just before it (the input the
 * event was scored with, so that the model learns to predict an item from what preceded it) and a reference to the
 * user's history (whose interacted set, including this batch, negatives must avoid). Arrays grow to the largest
 * batch and are reused.
 */
public final class TrainingBatch {
    private final int length;
    private int size;
    private long[] users = new long[0];
    private long[] items = new long[0];
    private float[] ratings = new float[0];
    private boolean[] positive = new boolean[0];
    private long[] times = new long[0];
    private long[] context = new long[0];
    private int[] contextCount = new int[0];
    private UserHistory[] histories = new UserHistory[0];

    /** @param historyLength the model's history length */
    public TrainingBatch(int historyLength) {
        this.length = historyLength;
    }

    public void clear() {
        Arrays.fill(histories, 0, size, null);
        size = 0;
    }

    /**
     * Adds a (checked) event.
     *
     * @param isPositive whether the event is a positive interaction
     * @param history    the user's history, not yet holding this event
     */
    public void add(InteractionEvent event, boolean isPositive, UserHistory history) {
        if (size == users.length) {
            grow(Math.max(32, size * 2));
        }
        users[size] = event.userId();
        items[size] = event.itemId();
        ratings[size] = event.rating();
        positive[size] = isPositive;
        times[size] = event.eventTimeMillis();
        contextCount[size] = Math.min(length, history.copyRecentLimited(context, size * length, length));
        histories[size] = history;
        size++;
    }

    private void grow(int n) {
        users = Arrays.copyOf(users, n);
        items = Arrays.copyOf(items, n);
        ratings = Arrays.copyOf(ratings, n);
        positive = Arrays.copyOf(positive, n);
        times = Arrays.copyOf(times, n);
        context = Arrays.copyOf(context, n * length);
        contextCount = Arrays.copyOf(contextCount, n);
        histories = Arrays.copyOf(histories, n);
    }

    public int size() {
        return size;
    }

    long user(int i) {
        return users[i];
    }

    long item(int i) {
        return items[i];
    }

    /** The rating, NaN if none. */
    float rating(int i) {
        return ratings[i];
    }

    boolean positive(int i) {
        return positive[i];
    }

    long time(int i) {
        return times[i];
    }

    /** Context items of event i start at {@code contextOffset(i)} in {@link #context()}, most recent first. */
    int contextOffset(int i) {
        return i * length;
    }

    int contextCount(int i) {
        return contextCount[i];
    }

    long[] context() {
        return context;
    }

    UserHistory history(int i) {
        return histories[i];
    }
}
