package io.streamnet.nn.drift;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN (ADaptive WINdowing), Bifet &amp; Gavald&agrave;, "Learning from Time-Changing Data with Adaptive Windowing",
 * SDM 2007, in its ADWIN2 form: the window is kept as an exponential histogram (rows of at most {@code M} buckets,
 * a bucket in row {@code i} summarising {@code 2^i} values by their sum and sum of squared deviations), so memory and
 * time per check are {@code O(M log W)}. Every {@code clock} values each split of the window into an older part W0
 * and a newer part W1 at a bucket boundary is tested; when
 * {@code |mean(W0) - mean(W1)| > eps_cut} with
 * <pre>  eps_cut = sqrt(2/m * var(W) * ln(2/delta')) + 2/(3m) * ln(2/delta'),  m = 1/(1/n0 + 1/n1),  delta' = delta / ln(n)</pre>
 * (the paper's variance-based bound), the oldest bucket is dropped and the test repeats; a change is reported when
 * at least one bucket was dropped. The false-alarm probability over the whole window is at most {@code delta}.
 */
public final class Adwin implements DriftDetector {
    public static final double DEFAULT_DELTA = 0.002;
    public static final int DEFAULT_MAX_BUCKETS = 5;
    public static final int DEFAULT_CLOCK = 32;
    /** Both sub-windows must hold at least this many values before a split is tested (as in MOA). */
    private static final int MIN_SUB_WINDOW = 5;

    private final double delta;
    private final int maxBuckets;
    private final int clock;
    private final List<Row> rows = new ArrayList<>();
    private long width;
    private double total;
    private double m2;
    private long count;
    private long detections;

    public Adwin() {
        this(DEFAULT_DELTA, DEFAULT_MAX_BUCKETS, DEFAULT_CLOCK);
    }

    public Adwin(double delta) {
        this(delta, DEFAULT_MAX_BUCKETS, DEFAULT_CLOCK);
    }

    /**
     * @param delta      confidence: the bound on the false-alarm probability (smaller: fewer false alarms, later detection)
     * @param maxBuckets buckets per histogram row, M in the paper (more: finer split points, more memory)
     * @param clock      values between two checks for change (1 checks after every value)
     */
    public Adwin(double delta, int maxBuckets, int clock) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN delta must be in (0, 1), got " + delta);
        }
        if (maxBuckets < 2 || clock < 1) {
            throw new IllegalArgumentException("ADWIN needs maxBuckets >= 2 and clock >= 1, got "
                    + maxBuckets + " and " + clock);
        }
        this.delta = delta;
        this.maxBuckets = maxBuckets;
        this.clock = clock;
    }

    @Override
    public boolean update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ADWIN input must be finite, got " + value + " at value #" + count);
        }
        count++;
        insert(value);
        if (count % clock != 0 || width < 2L * MIN_SUB_WINDOW) {
            return false;
        }
        boolean changed = false;
        while (width >= 2L * MIN_SUB_WINDOW && cutFound()) {
            dropOldestBucket();
            changed = true;
        }
        if (changed) {
            detections++;
        }
        return changed;
    }

    private void insert(double value) {
        if (width > 0) {
            double mean = total / width;
            m2 += (double) width / (width + 1) * (value - mean) * (value - mean);
        }
        width++;
        total += value;
        if (rows.isEmpty()) {
            rows.add(new Row(maxBuckets));
        }
        rows.get(0).append(value, 0.0);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.size <= maxBuckets) {
                break;
            }
            long n = 1L << r;
            double s = row.sum[0] + row.sum[1];
            double d = row.sum[0] / n - row.sum[1] / n;
            double merged = row.m2[0] + row.m2[1] + n * d * d / 2.0; // n*n/(2n) * d^2
            row.removeOldest(2);
            if (r + 1 == rows.size()) {
                rows.add(new Row(maxBuckets));
            }
            rows.get(r + 1).append(s, merged);
        }
    }

    /** Tests every bucket boundary, older part first; true if some split shows a significant change. */
    private boolean cutFound() {
        double variance = m2 / width;
        double lnTerm = Math.log(2.0 * Math.log(width) / delta);
        long n0 = 0;
        double sum0 = 0;
        for (int r = rows.size() - 1; r >= 0; r--) {
            Row row = rows.get(r);
            long bucketSize = 1L << r;
            for (int b = 0; b < row.size; b++) {
                n0 += bucketSize;
                sum0 += row.sum[b];
                long n1 = width - n0;
                if (n1 < MIN_SUB_WINDOW) {
                    return false;
                }
                if (n0 < MIN_SUB_WINDOW) {
                    continue;
                }
                double diff = Math.abs(sum0 / n0 - (total - sum0) / n1);
                double invM = 1.0 / n0 + 1.0 / n1;
                double eps = Math.sqrt(2.0 * invM * variance * lnTerm) + 2.0 / 3.0 * invM * lnTerm;
                if (diff > eps) {
                    return true;
                }
            }
        }
        return false;
    }

    private void dropOldestBucket() {
        int last = rows.size() - 1;
        Row row = rows.get(last);
        long n1 = 1L << last;
        double s1 = row.sum[0];
        double bucketM2 = row.m2[0];
        row.removeOldest(1);
        if (row.size == 0) {
            rows.remove(last);
        }
        long rest = width - n1;
        double restTotal = total - s1;
        if (rest > 0) {
            double d = s1 / n1 - restTotal / rest;
            m2 -= bucketM2 + (double) n1 * rest / width * d * d;
            m2 = Math.max(0.0, m2); // rounding must not make a variance negative
        } else {
            m2 = 0.0;
        }
        width = rest;
        total = restTotal;
    }

    /** The confidence it was built with. */
    public double delta() {
        return delta;
    }

    /** Current window length: how many recent values ADWIN considers to come from the current distribution. */
    public long width() {
        return width;
    }

    /** Mean of the current window. */
    public double estimate() {
        return width == 0 ? Double.NaN : total / width;
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
        rows.clear();
        width = 0;
        total = 0;
        m2 = 0;
        count = 0;
        detections = 0;
    }

    /**
     * Its whole state, for checkpoints (big-endian): delta, maxBuckets, clock, count, detections, width, total, m2,
     * then the row count and each row's bucket count and (sum, m2) pairs, oldest first. A restored detector decides
     * exactly as this one would have.
     */
    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(delta);
        out.writeInt(maxBuckets);
        out.writeInt(clock);
        out.writeLong(count);
        out.writeLong(detections);
        out.writeLong(width);
        out.writeDouble(total);
        out.writeDouble(m2);
        out.writeInt(rows.size());
        for (Row row : rows) {
            out.writeInt(row.size);
            for (int b = 0; b < row.size; b++) {
                out.writeDouble(row.sum[b]);
                out.writeDouble(row.m2[b]);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static Adwin read(DataInputStream in) throws IOException {
        Adwin a = new Adwin(in.readDouble(), in.readInt(), in.readInt());
        a.count = in.readLong();
        a.detections = in.readLong();
        a.width = in.readLong();
        a.total = in.readDouble();
        a.m2 = in.readDouble();
        int rowCount = in.readInt();
        if (rowCount < 0 || rowCount > Long.SIZE) {
            throw new IOException("ADWIN state: " + rowCount + " histogram rows (at most " + Long.SIZE + ")");
        }
        for (int r = 0; r < rowCount; r++) {
            int size = in.readInt();
            if (size < 0 || size > a.maxBuckets) {
                throw new IOException("ADWIN state: row " + r + " holds " + size + " buckets (at most "
                        + a.maxBuckets + ")");
            }
            Row row = new Row(a.maxBuckets);
            for (int b = 0; b < size; b++) {
                row.append(in.readDouble(), in.readDouble());
            }
            a.rows.add(row);
        }
        return a;
    }

    /** One row of the exponential histogram, oldest bucket first. */
    private static final class Row {
        final double[] sum;
        final double[] m2;
        int size;

        Row(int maxBuckets) {
            sum = new double[maxBuckets + 1];
            m2 = new double[maxBuckets + 1];
        }

        void append(double s, double v) {
            sum[size] = s;
            m2[size] = v;
            size++;
        }

        void removeOldest(int k) {
            System.arraycopy(sum, k, sum, 0, size - k);
            System.arraycopy(m2, k, m2, 0, size - k);
            size -= k;
        }
    }
}
