package io.streamnet.jobs.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * Draws a {@link LearningCurve} (a trainer figure and its reference against labeled events) as an image with axes,
 * ticks, labels and a legend, with java.awt only (headless). Both series are figures in [0, 1]; the y axis spans
 * round values around them.
 */
final class LearningCurveChart {
  /** The trainer's figure. */
  static final Color VALUE = new Color(0x1f, 0x77, 0xb4);
  /** What it is drawn beside. */
  static final Color REFERENCE = new Color(0xff, 0x7f, 0x0e);
  private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
  private static final int LEFT = 72;
  /** Room for half the last x tick's label ("100,000"), which is centred on the plot's right edge. */
  private static final int RIGHT = 40;
  private static final int TOP = 44;
  private static final int BOTTOM = 58;

  private LearningCurveChart() {}

  /** The chart of {@code curve} on a {@code width} x {@code height} image. */
  static BufferedImage render(LearningCurve curve, String title, int width, int height) {
    if (width < LEFT + RIGHT + 100 || height < TOP + BOTTOM + 100) {
      throw new IllegalArgumentException("chart of " + width + "x" + height + " is too small");
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      new Plot(g, curve, width, height).draw(title);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** One drawing: the data ranges and the mapping from data to pixels. */
  private static final class Plot {
    private final Graphics2D g;
    private final LearningCurve curve;
    private final List<CurvePoint> points;
    private final int x0;
    private final int y0;
    private final int plotWidth;
    private final int plotHeight;
    private final double xMax;
    private final double xStep;
    private final double yMin;
    private final double yMax;
    private final double yStep;

    Plot(Graphics2D g, LearningCurve curve, int width, int height) {
      this.g = g;
      this.curve = curve;
      this.points = curve.points();
      this.x0 = LEFT;
      this.y0 = height - BOTTOM;
      this.plotWidth = width - LEFT - RIGHT;
      this.plotHeight = height - TOP - BOTTOM;
      long maxEvents = points.stream().mapToLong(CurvePoint::events).max().orElse(0);
      this.xStep = Math.max(1, niceStep(Math.max(1, maxEvents) / 5.0));
      this.xMax = Math.max(xStep, Math.ceil(maxEvents / xStep) * xStep);
      // A cumulative figure over the first few events swings widely (one positive: a hit rate of 0 or 1): the axis
      // fits the curve after the first 2% of the stream, and the swings before are cut at its edges.
      long settled = points.stream().anyMatch(p -> p.events() >= maxEvents / 50) ? maxEvents / 50 : 0;
      double[] range = yRange(points.stream().filter(p -> p.events() >= settled)
          .flatMapToDouble(p -> DoubleStream.of(p.value(), p.reference())).filter(Double::isFinite).toArray());
      this.yMin = range[0];
      this.yMax = range[1];
      this.yStep = range[2];
    }

    void draw(String title) {
      Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      g.setFont(base);
      drawGridAndTicks();
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1.2f));
      g.drawLine(x0, y0, x0 + plotWidth, y0);
      g.drawLine(x0, y0, x0, y0 - plotHeight);

      if (points.isEmpty()) {
        centered("no trainer metrics were reported", x0 + plotWidth / 2, y0 - plotHeight / 2);
      } else {
        series(CurvePoint::reference, REFERENCE, 1.6f);
        series(CurvePoint::value, VALUE, 2.4f);
      }
      legend();

      g.setColor(Color.BLACK);
      g.setFont(base.deriveFont(Font.BOLD, 15f));
      centered(title, x0 + plotWidth / 2, TOP / 2 + 5);
      g.setFont(base);
      centered("labeled events (each scored before it is learned from)", x0 + plotWidth / 2, y0 + 44);
      AffineTransform saved = g.getTransform();
      g.rotate(-Math.PI / 2);
      centered(curve.axisLabel(), -(y0 - plotHeight / 2), 20);
      g.setTransform(saved);
    }

    private void drawGridAndTicks() {
      FontMetrics fm = g.getFontMetrics();
      g.setStroke(new BasicStroke(1f));
      int yTicks = (int) Math.round((yMax - yMin) / yStep);
      for (int i = 0; i <= yTicks; i++) {
        double v = yMin + i * yStep;
        int y = yPixel(v);
        g.setColor(GRID);
        g.drawLine(x0 + 1, y, x0 + plotWidth, y);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x0 - 5, y, x0, y);
        String label = String.format(Locale.ROOT, yStep < 0.1 ? "%.2f" : "%.1f", v);
        g.drawString(label, x0 - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
      }
      int xTicks = (int) Math.round(xMax / xStep);
      for (int i = 0; i <= xTicks; i++) {
        double v = i * xStep;
        int x = xPixel(v);
        g.setColor(GRID);
        g.drawLine(x, y0 - 1, x, y0 - plotHeight);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x, y0, x, y0 + 5);
        centered(String.format(Locale.ROOT, "%,d", (long) v), x, y0 + 8 + fm.getAscent());
      }
    }

    private void series(ToDoubleFunction<CurvePoint> value, Color color, float width) {
      g.setColor(color);
      g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double path = new Path2D.Double();
      boolean open = false;
      int drawn = 0;
      for (CurvePoint p : points) {
        double v = value.applyAsDouble(p);
        if (!Double.isFinite(v)) {
          open = false;
          continue;
        }
        double x = xPixel(p.events());
        double y = yPixel(Math.max(yMin, Math.min(yMax, v)));
        if (open) {
          path.lineTo(x, y);
        } else {
          path.moveTo(x, y);
          open = true;
        }
        drawn++;
        if (points.size() == 1 || drawn == 1 && points.size() < 3) {
          g.fillOval((int) x - 3, (int) y - 3, 7, 7);
        }
      }
      g.draw(path);
    }

    private void legend() {
      FontMetrics fm = g.getFontMetrics();
      String[] labels = {curve.valueLabel(), curve.referenceLabel()};
      Color[] colors = {VALUE, REFERENCE};
      int textWidth = Math.max(fm.stringWidth(labels[0]), fm.stringWidth(labels[1]));
      int boxWidth = textWidth + 50;
      int boxHeight = 2 * (fm.getHeight() + 4) + 8;
      int bx = x0 + plotWidth - boxWidth - 10;
      // In the corner the curves' ends leave free: a falling curve (a hit rate) ends low, a rising one high.
      int by = endsLow() ? y0 - plotHeight + 10 : y0 - boxHeight - 10;
      g.setColor(new Color(255, 255, 255, 230));
      g.fillRect(bx, by, boxWidth, boxHeight);
      g.setColor(Color.LIGHT_GRAY);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(bx, by, boxWidth, boxHeight);
      for (int i = 0; i < labels.length; i++) {
        int ly = by + 8 + i * (fm.getHeight() + 4) + fm.getHeight() / 2;
        g.setColor(colors[i]);
        g.setStroke(new BasicStroke(i == 0 ? 2.4f : 1.6f));
        g.drawLine(bx + 8, ly, bx + 36, ly);
        g.setColor(Color.BLACK);
        g.drawString(labels[i], bx + 42, ly + fm.getAscent() / 2 - 1);
      }
    }

    /** Whether the trainer's figure ends in the lower half of the plot. */
    private boolean endsLow() {
      return !points.isEmpty() && points.get(points.size() - 1).value() < (yMin + yMax) / 2;
    }

    private void centered(String text, int x, int baseline) {
      g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private int xPixel(double events) {
      return x0 + (int) Math.round(events / xMax * plotWidth);
    }

    private int yPixel(double value) {
      return y0 - (int) Math.round((value - yMin) / (yMax - yMin) * plotHeight);
    }
  }

  /**
   * The y axis for figures in [0, 1]: {min, max, step}, the bounds on the step's multiples around the values (at
   * least one step apart), within [0, 1]; the step 0.05 for a range up to 0.3, else 0.1. The whole [0, 1] without
   * values.
   */
  static double[] yRange(double[] values) {
    if (values.length == 0) {
      return new double[] {0, 1, 0.1};
    }
    double lowest = Math.max(0, Arrays.stream(values).min().orElseThrow());
    double highest = Math.min(1, Arrays.stream(values).max().orElseThrow());
    double step = highest - lowest <= 0.3 ? 0.05 : 0.1;
    double min = Math.max(0, Math.floor(lowest / step + 1e-9) * step);
    double max = Math.min(1, Math.ceil(highest / step - 1e-9) * step);
    if (max - min < step - 1e-9) {
      max = Math.min(1, min + step);
      min = Math.max(0, max - step);
    }
    return new double[] {min, max, step};
  }

  /** A round tick step near {@code raw}: 1, 2 or 5 times a power of ten. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }
}
