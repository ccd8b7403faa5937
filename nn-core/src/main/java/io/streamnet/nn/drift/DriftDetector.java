package io.streamnet.nn.drift;

/**
 * A change detector over a stream of real values (typically a per-event loss or 0/1 error): it says when the
 * stream's mean has changed, so that an operator or the learner can react (alert, reset, raise the learning rate).
 */
public interface DriftDetector {
    /** Adds one value; true if a change was detected at this value. */
    boolean update(double value);

    /** Number of changes detected since creation. */
    long detections();

    /** Number of values seen since creation. */
    long count();

    /** Forgets everything seen (detections count included). */
    void reset();
}
