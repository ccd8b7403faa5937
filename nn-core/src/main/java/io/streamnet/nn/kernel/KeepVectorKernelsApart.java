package io.streamnet.nn.kernel;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Tells the JIT never to inline the Vector API row kernels ({@code io.streamnet.nn.tensor.VectorRowKernels}) and the
 * entry points of the thin GEMM kernels ({@link VectorThinKernels} {@code dots}, {@code rowTimesB}) and of the
 * convolution's window kernel ({@code io.streamnet.nn.layer.VectorWindowMax}) into their callers, through a
 * compiler directive added at run time (the JVM's DiagnosticCommand MBean, as {@code jcmd Compiler.directives_add}
 * does), so that no JVM flag is needed.
 *
 * <p>Why: JDK 17's C2, compiling {@code Optimizer.step} with {@code VectorRowKernels.adam} inlined, failed the Vector
 * API store intrinsic ({@code VectorSupport::store failed to inline (intrinsic)} in {@code -XX:+PrintInlining}) and
 * boxed every vector: 3 MB per training step in a JVM training models S, R and D alternately
 * ({@code SeveralModelsBenchmark}, {@code -prof gc}). The thin kernels did the same inside {@code VectorSgemm}
 * at batch 128. Whether it happens depends on the order of compilations (a kernel already compiled into a big
 * method is not inlined), which several models in one JVM reshuffle. The cost: one call per row or per product.
 */
public final class KeepVectorKernelsApart {
    /** Only methods that take arrays: a helper that takes or returns a vector must be inlined, or it boxes. */
    static final String DIRECTIVE = "[{ match: \"*.*\", inline: [\"-io/streamnet/nn/tensor/VectorRowKernels.*\", "
            + "\"-io/streamnet/nn/kernel/VectorThinKernels.dots\", "
            + "\"-io/streamnet/nn/kernel/VectorThinKernels.rowTimesB\", "
            + "\"-io/streamnet/nn/layer/VectorWindowMax.maxOverWindows\", "
            + "\"-io/streamnet/nn/layer/VectorWindowMax.keep\"] }]";
    private static final String OUTCOME = add();

    private KeepVectorKernelsApart() {}

    /** Adds the directive once per JVM; returns what happened, for the log line of a kernel choice. */
    public static String apply() {
        return OUTCOME;
    }

    private static String add() {
        Path file = null;
        try {
            file = Files.createTempFile("streamnet-compiler-directive", ".json");
            Files.writeString(file, DIRECTIVE);
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            String result = String.valueOf(out).trim();
            return result.isEmpty() || result.contains("1 compiler directives added")
                    ? "not inlined into callers (compiler directive)" : "compiler directive refused: " + result;
        } catch (Exception | LinkageError e) {
            return "compiler directive not added: " + e;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
