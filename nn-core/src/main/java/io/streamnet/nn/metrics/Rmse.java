package io.streamnet.nn.metrics;

/** Root mean squared error of real-valued predictions. */
public final class Rmse implements Metric {
    private double sumSquares;
    private long count;

    public void update(double prediction, double actual) {
        Checks.finite("prediction", prediction);
        Checks.finite("actual value", actual);
        double e = prediction - actual;
        sumSquares += e * e;
        count++;
    }

    @Override
    public String name() {
        return "rmse";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSquares / count);
    }

    @Override
    public long count() {
        return count;
    }
}
