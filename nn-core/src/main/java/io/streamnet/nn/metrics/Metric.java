package io.streamnet.nn.metrics;

/** A prequential metric: updated one prediction at a time, readable at any moment. */
public interface Metric {
    /** Key used in metric lines, e.g. {@code accuracy}, {@code hr@10}. */
    String name();

    /** Current value; {@link Double#NaN} while undefined (no events yet, or AUC with a single class). */
    double value();

    /** Number of events counted so far. */
    long count();
}
