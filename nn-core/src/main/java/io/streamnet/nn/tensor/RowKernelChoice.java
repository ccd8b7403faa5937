package io.streamnet.nn.tensor;

import io.streamnet.nn.kernel.KeepVectorKernelsApart;

/**
 * Picks the {@link RowKernels} once per JVM: the Vector API implementation if the module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM runs with {@code --add-modules jdk.incubator.vector}),
 * else the scalar one. {@code -Dstreamnet.rows=scalar} forces scalar. The vector class is loaded reflectively so
 * that a JVM without the module never links against it.
 */
final class RowKernelChoice {
    static final RowKernels KERNELS = choose();

    private RowKernelChoice() {}

    private static RowKernels choose() {
        String wanted = System.getProperty("streamnet.rows", "auto");
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        RowKernels chosen = new ScalarRowKernels();
        String reason = "jdk.incubator.vector is not in the JVM (add --add-modules jdk.incubator.vector for speed)";
        if (wanted.equals("scalar")) {
            reason = "-Dstreamnet.rows=scalar";
        } else if (present) {
            try {
                chosen = (RowKernels) Class.forName("io.streamnet.nn.tensor.VectorRowKernels").getDeclaredConstructor().newInstance();
                reason = "jdk.incubator.vector present; " + KeepVectorKernelsApart.apply();
            } catch (ReflectiveOperationException | LinkageError e) {
                reason = "Vector API unusable: " + e;
            }
        }
        System.getLogger(RowKernels.class.getName()).log(System.Logger.Level.INFO, "row kernels: {0} ({1})", chosen.name(), reason);
        return chosen;
    }
}
