package io.streamnet.nn.metrics;

/** Mean absolute error of real-valued predictions. */
public final class Mae implements Metric {
    private double sumAbs;
    private long count;

    public void update(double prediction, double actual) {
        Checks.finite("prediction", prediction);
        Checks.finite("actual value", actual);
        sumAbs += Math.abs(prediction - actual);
        count++;
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : sumAbs / count;
    }

    @Override
    public long count() {
        return count;
    }
}
