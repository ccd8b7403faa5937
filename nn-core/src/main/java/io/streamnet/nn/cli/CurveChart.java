package io.streamnet.nn.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws learning curves (CSV files {@code events,accuracy} as {@code streamnet prequential --curve} writes them) into
 * one small PNG, headless (java.desktop only):
 * <pre>
 *   java -cp nn-core/target/streamnet-nn-core-cli.jar io.streamnet.nn.cli.CurveChart OUT.png "TITLE" LABEL=FILE.csv ...
 * </pre>
 */
public final class CurveChart {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
    private static final int W = 720;
    private static final int H = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private CurveChart() {}

    /** One curve: its label and points (events, accuracy). */
    record Curve(String label, double[] x, double[] y) {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 3) {
            System.err.println("usage: CurveChart OUT.png TITLE LABEL=FILE.csv [LABEL=FILE.csv ...]");
            System.exit(2);
        }
        List<Curve> curves = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected LABEL=FILE.csv, got " + args[i]);
            curves.add(read(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1))));
        }
        write(Path.of(args[0]), args[1], curves);
    }

    static Curve read(String label, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] x = new double[lines.size() - 1];
        double[] y = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = Double.parseDouble(f[0]);
            y[i - 1] = Double.parseDouble(f[1]);
        }
        return new Curve(label, x, y);
    }

    static void write(Path out, String title, List<Curve> curves) throws IOException {
        double maxX = 1;
        for (Curve c : curves) for (double v : c.x()) maxX = Math.max(maxX, v);
        double minY = 0.4;
        double maxY = 1.0;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 6; k++) {
            double v = minY + k * (maxY - minY) / 6;
            int y = TOP + ph - (int) Math.round((v - minY) / (maxY - minY) * ph);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.1f", v), LEFT - 30, y + 4);
        }
        for (int k = 0; k <= 5; k++) {
            double v = k * maxX / 5;
            int x = LEFT + (int) Math.round(v / maxX * pw);
            g.drawString(String.valueOf(Math.round(v)), x - 10, TOP + ph + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        g.drawString("events", LEFT + pw / 2 - 15, H - 12);
        g.drawString("prequential accuracy (cumulative)", 8, TOP - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, LEFT, 18);
        g.setStroke(new BasicStroke(2f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < curves.size(); c++) {
            Curve cv = curves.get(c);
            g.setColor(COLORS[c % COLORS.length]);
            for (int i = 1; i < cv.x().length; i++) {
                g.drawLine(px(cv.x()[i - 1], maxX, pw), py(cv.y()[i - 1], minY, maxY, ph),
                        px(cv.x()[i], maxX, pw), py(cv.y()[i], minY, maxY, ph));
            }
            double last = cv.y().length == 0 ? Double.NaN : cv.y()[cv.y().length - 1];
            int ly = TOP + ph - 20 - 18 * (curves.size() - 1 - c);
            g.drawLine(LEFT + pw - 310, ly - 4, LEFT + pw - 285, ly - 4);
            g.drawString(cv.label() + String.format(" (%.3f)", last), LEFT + pw - 280, ly);
        }
        g.dispose();
        ImageIO.write(img, "png", out.toFile());
    }

    private static int px(double x, double maxX, int pw) {
        return LEFT + (int) Math.round(x / maxX * pw);
    }

    private static int py(double y, double minY, double maxY, int ph) {
        double v = Math.max(minY, Math.min(maxY, y));
        return TOP + ph - (int) Math.round((v - minY) / (maxY - minY) * ph);
    }
}
