package io.streamnet.connect.replay;

import java.util.Locale;

/**
 * What a replay did.
 *
 * @param sent         events handed to the producer
 * @param labeled      labeled events the broker acknowledged
 * @param requests     held-back events (requests) the broker acknowledged
 * @param failed       events whose send failed
 * @param firstError   the first failure's description, or null
 * @param stopped      the replay was stopped early on request (e.g. Ctrl-C)
 * @param elapsedNanos from the first send to the last acknowledgement
 * @param topics       where the events went
 */
public record ReplayResult(long sent, long labeled, long requests, long failed, String firstError, boolean stopped,
        long elapsedNanos, ReplayTopics topics) {

    /** Events the broker acknowledged. */
    public long produced() {
        return labeled + requests;
    }

    /** Acknowledged events per second of {@link #elapsedNanos}. */
    public double eventsPerSecond() {
        return elapsedNanos > 0 ? produced() * 1e9 / elapsedNanos : 0;
    }

    public boolean succeeded() {
        return failed == 0 && firstError == null;
    }

    /**
     * The summary as {@code key=value} pairs on one line:
     * {@code produced=… labeled=… requests=… failed=… topic=… requests_topic=… events_per_s=… elapsed_s=…}, then
     * {@code stopped=true} when stopped early.
     */
    public String summaryLine() {
        return String.format(Locale.ROOT,
                "produced=%d labeled=%d requests=%d failed=%d topic=%s requests_topic=%s events_per_s=%.0f elapsed_s=%.3f%s",
                produced(), labeled, requests, failed, topics.labeled(), topics.requests(), eventsPerSecond(),
                elapsedNanos / 1e9, stopped ? " stopped=true" : "");
    }
}
