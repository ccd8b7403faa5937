package io.streamnet.nn.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code measured} kernel: per {@link ShapeClass}, the candidate measured fastest on that product in this JVM.
 * A class runs on the reference kernel (the first candidate) until it has been in use for {@code measureAfterNanos}
 * and the kernel has served {@value #MIN_CALLS_BEFORE_MEASURING} calls; then one short calibration times every
 * candidate on scratch operands of its sizes, and the winner serves the class for the rest of the JVM's life,
 * logged in one line. The wait lets C2 compile the Vector API kernel first, which runs 20-80x slower until then.
 *
 * <p>Measuring on first use instead, so that a class never changes kernel, was tried: cold, the Vector API kernel
 * measured 0.0-9 GFLOP/s against 15-185 compiled, and the choice was erratic. The price of waiting: kernels agree
 * within float rounding, not bit for bit (they sum in different orders), so products of a class before and after
 * its measurement differ in rounding, and a model and its replay in one JVM are no longer bit-identical. A
 * challenger must beat the reference by {@code margin} (e.g. 1.1 = 10% faster): near ties do not flip on noise.
 * Calibration stops for good after {@code budgetNanos} in total; classes not measured by then keep the reference.
 */
final class MeasuredSgemm implements SgemmKernel {
    private final List<SgemmKernel> candidates;
    private final SgemmKernel reference;
    private final KernelTiming timing;
    private final long measureAfterNanos;
    private final double margin;
    private final long budgetNanos;
    private final System.Logger log = System.getLogger(Gemm.class.getName());

    /** Open addressing by class key, replaced whole on insertion, so that readers need no lock. */
    private volatile Entry[] table = new Entry[64];
    /**
     * Calls of unmeasured classes, all classes together, before any is measured: C2 compiles a kernel's entry after
     * thousands of invocations (its tier-4 thresholds), whichever classes made them.
     */
    static final long MIN_CALLS_BEFORE_MEASURING = 10_000;
    private long calls;
    private int entries;
    private long spentNanos;
    private boolean budgetLogged;

    /** One shape class: how long it has been used, and its kernel once chosen. */
    static final class Entry {
        final int key;
        final long firstUse;
        int calls;
        volatile SgemmKernel chosen;

        Entry(int key, long firstUse) {
            this.key = key;
            this.firstUse = firstUse;
        }
    }

    MeasuredSgemm(List<SgemmKernel> candidates, KernelTiming timing, long measureAfterNanos, double margin,
                  long budgetNanos) {
        if (candidates.isEmpty()) throw new IllegalArgumentException("no candidate kernels");
        this.candidates = List.copyOf(candidates);
        this.reference = candidates.get(0);
        this.timing = timing;
        this.measureAfterNanos = measureAfterNanos;
        this.margin = margin;
        this.budgetNanos = budgetNanos;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        kernelFor(transA, transB, m, n, k).sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    /** The kernel for a product of these sizes now: the chosen one, or the reference until its class is measured. */
    SgemmKernel kernelFor(boolean transA, boolean transB, int m, int n, int k) {
        int key = ShapeClass.key(transA, transB, m, n, k);
        Entry e = entry(key);
        SgemmKernel chosen = e.chosen;
        if (chosen != null) return chosen;
        if (measureAfterNanos > 0) {
            // Unsynchronised counts (a lost increment only delays measuring); the clock is read every 64th call
            // only: a small product takes about as long as reading it.
            calls++;
            if ((++e.calls & 63) != 0 || calls < MIN_CALLS_BEFORE_MEASURING) return reference;
            if (System.nanoTime() - e.firstUse < measureAfterNanos) return reference;
        }
        if ((long) m * n * k == 0) return reference;
        return measure(e, transA, transB, m, n, k);
    }

    /** The kernel chosen for a class, or null while it is not measured (for tests and logs). */
    SgemmKernel chosenFor(boolean transA, boolean transB, int m, int n, int k) {
        Entry e = find(table, ShapeClass.key(transA, transB, m, n, k));
        return e == null ? null : e.chosen;
    }

    private synchronized SgemmKernel measure(Entry e, boolean transA, boolean transB, int m, int n, int k) {
        if (e.chosen != null) return e.chosen;
        if (spentNanos >= budgetNanos) {
            if (!budgetLogged) {
                budgetLogged = true;
                log.log(System.Logger.Level.INFO, "GEMM calibration: its budget of {0} ms is spent; classes not "
                        + "measured yet keep {1}", budgetNanos / 1_000_000, reference.name());
            }
            e.chosen = reference;
            return reference;
        }
        long start = System.nanoTime();
        double[] nanos = timing.nanosPerCall(candidates, transA, transB, m, n, k);
        spentNanos += System.nanoTime() - start;
        int best = 0;
        for (int i = 1; i < nanos.length; i++) {
            if (nanos[i] < nanos[best]) best = i;
        }
        if (best != 0 && nanos[0] < margin * nanos[best]) best = 0;
        e.chosen = candidates.get(best);
        log.log(System.Logger.Level.INFO, describe(e.key, m, n, k, nanos, best));
        return e.chosen;
    }

    private String describe(int key, int m, int n, int k, double[] nanos, int best) {
        List<String> times = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            times.add(String.format(Locale.ROOT, "%s %.1f", candidates.get(i).name(),
                    2.0 * m * n * k / nanos[i]));
        }
        return String.format(Locale.ROOT, "GEMM class %s (measured on %dx%dx%d): %s GFLOP/s -> %s%s",
                ShapeClass.name(key), m, n, k, String.join(", ", times), candidates.get(best).name(),
                best == 0 ? "" : String.format(Locale.ROOT, " (%.2fx %s)", nanos[0] / nanos[best], reference.name()));
    }

    private Entry entry(int key) {
        Entry e = find(table, key);
        return e != null ? e : insert(key);
    }

    private static Entry find(Entry[] t, int key) {
        int mask = t.length - 1;
        for (int i = Integer.hashCode(key * 0x9E3779B9) & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null || e.key == key) return e;
        }
    }

    private synchronized Entry insert(int key) {
        Entry e = find(table, key);
        if (e != null) return e;
        Entry[] t = table;
        if (2 * (entries + 1) > t.length) t = new Entry[t.length * 2];
        else t = t.clone();
        if (t.length != table.length) {
            for (Entry old : table) {
                if (old != null) put(t, old);
            }
        }
        e = new Entry(key, System.nanoTime());
        put(t, e);
        entries++;
        table = t;
        return e;
    }

    private static void put(Entry[] t, Entry e) {
        int mask = t.length - 1;
        int i = Integer.hashCode(e.key * 0x9E3779B9) & mask;
        while (t[i] != null) i = (i + 1) & mask;
        t[i] = e;
    }

    @Override
    public String name() {
        return "measured";
    }

    @Override
    public String description() {
        List<String> names = new ArrayList<>();
        for (SgemmKernel c : candidates) names.add(c.name());
        return "measured per shape class among " + String.join(", ", names) + " after " + measureAfterNanos / 1_000_000
                + " ms of use (" + reference.name() + " until then; a challenger must be " + margin + "x faster)";
    }
}
