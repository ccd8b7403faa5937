package io.streamnet.nn.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The available {@link SgemmKernel}s, and the choice of the one behind {@link Gemm#sgemm}: made once per JVM,
 * logged once (and, for {@code measured}, once per shape class), overridable with
 * {@code -Dstreamnet.blas=auto|measured|java|vector|native}.
 *
 * <ul>
 *   <li>{@code vector}: {@link VectorSgemm}, the fastest measured here; needs the JVM flag
 *       {@code --add-modules jdk.incubator.vector}.</li>
 *   <li>{@code native}: the system BLAS ({@code libblas.so.3}, e.g. OpenBLAS) through {@code dev.ludovic.netlib}
 *       for products of at least {@code -Dstreamnet.blas.nativeMinWork} multiply-adds (default
 *       {@value #DEFAULT_NATIVE_MIN_WORK}), the best Java kernel below that.</li>
 *   <li>{@code java}: {@link JavaSgemm}, plain Java, always available.</li>
 *   <li>{@code auto} (default): vector if its module is present, else native if it loads and is an optimised
 *       BLAS (not the reference one), else java. A fixed order, so results repeat bit for bit on one machine.</li>
 *   <li>{@code measured}: per shape class, the fastest of the available kernels, measured in this JVM once the JIT
 *       has compiled them ({@link MeasuredSgemm}). Not the default: kernels differ in float rounding, and a class
 *       changes kernel mid-run, so a run and its replay in one JVM (a restore) are no longer bit-identical.</li>
 * </ul>
 * An explicit choice that cannot be honoured fails with an error saying why, rather than silently running a
 * different kernel.
 */
public final class GemmKernels {
    /** System property naming the kernel. */
    public static final String PROPERTY = "streamnet.blas";
    /** System property: smallest m * n * k sent to the native BLAS in {@code native} mode. */
    public static final String NATIVE_MIN_WORK_PROPERTY = "streamnet.blas.nativeMinWork";
    /** Below about 4k multiply-adds the JNI call costs more than the Java kernels take (measured). */
    public static final long DEFAULT_NATIVE_MIN_WORK = 4096;

    /** System property: how long (ms) {@code measured} runs a class on the fixed-order kernel before measuring it. */
    public static final String MEASURE_AFTER_PROPERTY = "streamnet.blas.measureAfterMs";
    /** Long enough for C2 to compile the Vector API kernel (about 1.3 s on a quiet 2-core machine, measured). */
    public static final long DEFAULT_MEASURE_AFTER_MS = 2000;
    /** Per candidate: a 2 ms warm-up round, then 7 interleaved rounds of 0.5 ms: about 17 ms per class for three. */
    private static final long MEASURE_ROUND_NANOS = 500_000;
    private static final int MEASURE_ROUNDS = 7;
    /** A challenger must be 10% faster than the fixed-order kernel: near ties do not flip between runs. */
    private static final double CHALLENGER_MARGIN = 1.1;
    /** Total calibration time per JVM: a network has about ten classes (forward, two backward products per layer). */
    private static final long MEASURE_BUDGET_NANOS = 1_000_000_000L;

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private GemmKernels() {}

    /** The pure-Java kernel (always available). */
    public static SgemmKernel java() {
        return JavaHolder.KERNEL;
    }

    /** The Vector API kernel, if the JVM runs with {@code --add-modules jdk.incubator.vector}. */
    public static Optional<SgemmKernel> vector() {
        return Optional.ofNullable(VectorHolder.KERNEL);
    }

    /** The native BLAS kernel for every size (no small-size split), if the native library loads. */
    public static Optional<SgemmKernel> nativeBlas() {
        return Optional.ofNullable(NativeHolder.KERNEL);
    }

    /** Why {@link #vector()} is empty, or null when it is not. */
    public static String vectorUnavailableReason() {
        return VectorHolder.REASON;
    }

    /** Why {@link #nativeBlas()} is empty, or null when it is not. */
    public static String nativeUnavailableReason() {
        return NativeHolder.REASON;
    }

    /** The kernel a choice ({@code auto}, {@code measured}, {@code java}, {@code vector}, {@code native}) gives. */
    public static SgemmKernel byName(String choice) {
        return choose(choice, nativeMinWork()).kernel;
    }

    /** The kernel chosen from the system properties, with the reason; called once by {@link Gemm}. */
    static Choice chooseFromProperties() {
        return choose(System.getProperty(PROPERTY, "auto"), nativeMinWork());
    }

    /** A chosen kernel and why it was chosen. */
    static final class Choice {
        final SgemmKernel kernel;
        final String reason;

        Choice(SgemmKernel kernel, String reason) {
            this.kernel = kernel;
            this.reason = reason;
        }
    }

    static Choice choose(String choice, long nativeMinWork) {
        NativeSgemm nat = NativeHolder.KERNEL;
        return choose(choice, VectorHolder.KERNEL, VectorHolder.REASON, nat,
                nat == null ? NativeHolder.REASON : null, nat != null && nat.optimised(),
                nat == null ? null : nat.library(), nativeMinWork, measureAfterNanos());
    }

    /**
     * The decision itself, on given availability (a null kernel is unavailable, for the given reason), so that
     * it can be tested for machines other than this one.
     */
    static Choice choose(String choice, SgemmKernel vector, String vectorReason,
                         SgemmKernel nativeKernel, String nativeReason, boolean nativeOptimised,
                         String nativeLibrary, long nativeMinWork, long measureAfterNanos) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        switch (c) {
            case "java":
                return new Choice(java(), PROPERTY + "=java");
            case "vector":
                if (vector == null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=vector, but the Vector API kernel is "
                            + "unavailable: " + vectorReason);
                }
                return new Choice(vector, PROPERTY + "=vector");
            case "native":
                if (nativeKernel == null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=native, but the native BLAS is unavailable: "
                            + nativeReason);
                }
                return new Choice(split(vector, nativeKernel, nativeMinWork), PROPERTY + "=native");
            case "auto": {
                Choice fixed = fixedOrder(vector, vectorReason, nativeKernel, nativeReason, nativeOptimised,
                        nativeLibrary, nativeMinWork);
                return new Choice(fixed.kernel, "auto: " + fixed.reason);
            }
            case "measured":
                return measured(fixedOrder(vector, vectorReason, nativeKernel, nativeReason, nativeOptimised,
                        nativeLibrary, nativeMinWork), vector, nativeOptimised ? nativeKernel : null,
                        measureAfterNanos);
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                        + " is not a kernel; use auto, measured, java, vector or native");
        }
    }

    /**
     * The kernel of {@code auto}, which {@code measured} starts every shape class with, in a fixed order: vector if
     * its module is present, else native if it loads and is an optimised BLAS (not the reference one), else java.
     */
    private static Choice fixedOrder(SgemmKernel vector, String vectorReason, SgemmKernel nativeKernel,
                                     String nativeReason, boolean nativeOptimised, String nativeLibrary,
                                     long nativeMinWork) {
        if (vector != null) {
            return new Choice(vector, VECTOR_MODULE + " is present");
        }
        if (nativeKernel != null && nativeOptimised) {
            return new Choice(split(null, nativeKernel, nativeMinWork), "no " + VECTOR_MODULE + "; native BLAS loaded");
        }
        String whyNotNative = nativeKernel == null ? nativeReason
                : nativeLibrary + " is not a known optimised BLAS (force with -D" + PROPERTY + "=native)";
        return new Choice(java(), vectorReason + "; native BLAS unused: " + whyNotNative);
    }

    /**
     * {@code measured}: the fixed-order kernel first (the reference, used until a class is measured), then every
     * other available kernel as a challenger; a single candidate is used as it is.
     */
    private static Choice measured(Choice reference, SgemmKernel vector, SgemmKernel optimisedNative,
                                   long measureAfterNanos) {
        List<SgemmKernel> candidates = new ArrayList<>();
        candidates.add(reference.kernel);
        if (vector != null && vector != reference.kernel) candidates.add(vector);
        if (optimisedNative != null && !reference.kernel.name().equals("native")) candidates.add(optimisedNative);
        if (reference.kernel != java()) candidates.add(java());
        if (candidates.size() == 1) {
            return new Choice(reference.kernel, PROPERTY + "=measured, one candidate: " + reference.reason);
        }
        SgemmKernel kernel = new MeasuredSgemm(candidates, new CallTiming(MEASURE_ROUND_NANOS, MEASURE_ROUNDS),
                measureAfterNanos, CHALLENGER_MARGIN, MEASURE_BUDGET_NANOS);
        return new Choice(kernel, PROPERTY + "=measured; until measured: " + reference.reason);
    }

    /** Native for large products, the best Java kernel (vector if present) for small ones. */
    private static SgemmKernel split(SgemmKernel vector, SgemmKernel nativeKernel, long nativeMinWork) {
        return new SizeSplitSgemm(vector != null ? vector : java(), nativeKernel, nativeMinWork);
    }

    private static long measureAfterNanos() {
        return nonNegativeLong(MEASURE_AFTER_PROPERTY, DEFAULT_MEASURE_AFTER_MS, "milliseconds") * 1_000_000L;
    }

    private static long nativeMinWork() {
        return nonNegativeLong(NATIVE_MIN_WORK_PROPERTY, DEFAULT_NATIVE_MIN_WORK, "multiply-adds m*n*k");
    }

    private static long nonNegativeLong(String property, long defaultValue, String unit) {
        String v = System.getProperty(property);
        if (v == null) return defaultValue;
        try {
            long x = Long.parseLong(v.trim());
            if (x < 0) throw new NumberFormatException("negative");
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-D" + property + "=" + v + " is not a non-negative integer (" + unit + ")", e);
        }
    }

    private static final class JavaHolder {
        static final SgemmKernel KERNEL = new JavaSgemm();
    }

    /** Loaded on first use; the kernel class is only touched when its module is in the boot layer. */
    private static final class VectorHolder {
        static final SgemmKernel KERNEL;
        static final String REASON;

        static {
            SgemmKernel kernel = null;
            String reason = null;
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                reason = VECTOR_MODULE + " is not in the JVM (add --add-modules " + VECTOR_MODULE + ")";
            } else {
                try {
                    kernel = (SgemmKernel) Class.forName("io.streamnet.nn.kernel.VectorSgemm")
                            .getDeclaredConstructor().newInstance();
                    System.getLogger(GemmKernels.class.getName()).log(System.Logger.Level.INFO,
                            "Vector API kernels: " + KeepVectorKernelsApart.apply());
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    reason = "the Vector API kernel failed to load: " + e;
                }
            }
            KERNEL = kernel;
            REASON = reason;
        }
    }

    /** Loaded on first use; netlib and the system library are only touched here, inside a guard. */
    private static final class NativeHolder {
        static final NativeSgemm KERNEL;
        static final String REASON;

        static {
            NativeSgemm kernel = null;
            String reason = null;
            try {
                String warning = OpenBlasCoreType.missingVariableWarning(
                        System.getenv(OpenBlasCoreType.VARIABLE), OpenBlasCoreType.cpuFlags());
                kernel = NativeSgemm.load();
                if (warning != null && kernel.library().toLowerCase(Locale.ROOT).contains("openblas")) {
                    System.getLogger(GemmKernels.class.getName()).log(System.Logger.Level.WARNING, warning);
                }
            } catch (LinkageError | RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) root = root.getCause();
                reason = "libblas.so.3 via dev.ludovic.netlib did not load (" + root + ")";
            }
            KERNEL = kernel;
            REASON = reason;
        }
    }
}
