package io.streamnet.nn.drift;

/**
 * Page-Hinkley test (Page 1954; Hinkley 1971) for a change in the mean. With the running mean {@code xbar_t}:
 * <pre>  m_t = alpha * m_(t-1) + (x_t - xbar_t - delta),   M_t = min(m_1..m_t),   alarm when m_t - M_t > lambda</pre>
 * detects an increase (e.g. of an error rate); the mirrored statistic detects a decrease. {@code delta} is the
 * magnitude of change tolerated, {@code lambda} the alarm threshold (larger: fewer false alarms, later detection),
 * {@code alpha} a forgetting factor ({@code 1} = classic test). After an alarm the test restarts from scratch, so
 * the next alarm needs new evidence. No alarm is raised before {@code minInstances} values.
 *
 * <p>Choosing delta and lambda: on a stationary stream {@code m_t - M_t} is a reflected random walk with drift
 * {@code -delta}, which passes {@code lambda} with probability about {@code exp(-2 delta lambda / variance)} per
 * excursion. MOA's defaults (delta 0.005, lambda 50) suit low-variance inputs; for a 0/1 error stream (variance up to
 * 0.25) they alarm falsely every few thousand values, and delta around 0.05 is the better choice.
 */
public final class PageHinkley implements DriftDetector {
    /** Which change of the mean raises an alarm. */
    public enum Direction { INCREASE, DECREASE, BOTH }

    private final double delta;
    private final double lambda;
    private final double alpha;
    private final int minInstances;
    private final Direction direction;

    private long seen;
    private double mean;
    private double upSum;
    private double upMin;
    private double downSum;
    private double downMin;
    private long count;
    private long detections;

    /** MOA's defaults: delta 0.005, lambda 50, alpha 0.9999, 30 values before the first alarm; increases only. */
    public PageHinkley() {
        this(0.005, 50, 0.9999, 30, Direction.INCREASE);
    }

    public PageHinkley(double delta, double lambda, double alpha, int minInstances, Direction direction) {
        if (!(delta >= 0) || !(lambda > 0) || !(alpha > 0 && alpha <= 1) || minInstances < 1 || direction == null) {
            throw new IllegalArgumentException("Page-Hinkley needs delta >= 0, lambda > 0, 0 < alpha <= 1, "
                    + "minInstances >= 1 and a direction; got delta=" + delta + " lambda=" + lambda
                    + " alpha=" + alpha + " minInstances=" + minInstances + " direction=" + direction);
        }
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.minInstances = minInstances;
        this.direction = direction;
    }

    @Override
    public boolean update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Page-Hinkley input must be finite, got " + value
                    + " at value #" + count);
        }
        count++;
        seen++;
        mean += (value - mean) / seen;
        upSum = alpha * upSum + (value - mean - delta);
        upMin = Math.min(upMin, upSum);
        downSum = alpha * downSum + (mean - value - delta);
        downMin = Math.min(downMin, downSum);
        if (seen < minInstances) {
            return false;
        }
        boolean up = direction != Direction.DECREASE && upSum - upMin > lambda;
        boolean down = direction != Direction.INCREASE && downSum - downMin > lambda;
        if (up || down) {
            detections++;
            restart();
            return true;
        }
        return false;
    }

    /** The current test statistic, {@code max(m_t - M_t)} over the watched directions. */
    public double statistic() {
        double up = direction != Direction.DECREASE ? upSum - upMin : 0;
        double down = direction != Direction.INCREASE ? downSum - downMin : 0;
        return Math.max(up, down);
    }

    private void restart() {
        seen = 0;
        mean = 0;
        upSum = 0;
        upMin = 0;
        downSum = 0;
        downMin = 0;
    }

    @Override
    public long detections() {
        return detections;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void reset() {
        restart();
        count = 0;
        detections = 0;
    }
}
