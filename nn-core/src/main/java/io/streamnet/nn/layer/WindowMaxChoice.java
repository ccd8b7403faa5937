package io.streamnet.nn.layer;

import io.streamnet.nn.kernel.KeepVectorKernelsApart;

import java.lang.reflect.Constructor;

/**
 * Picks the {@link WindowMax} kernel once per JVM: {@link VectorWindowMax} if the module
 * {@code jdk.incubator.vector} is in the boot layer, else the plain loops of {@link WindowMaxKernel};
 * {@code -Dstreamnet.conv=loops} forces the loops. Both give the same bits, so the choice is speed only. The
 * vector class is loaded reflectively so that a JVM without the module never links against it.
 */
final class WindowMaxChoice {
    static final String PROPERTY = "streamnet.conv";
    private static final Constructor<? extends WindowMax> VECTOR = choose();

    private WindowMaxChoice() {}

    static WindowMax create(int channels, int filters, int[] widths) {
        if (VECTOR == null) return new WindowMaxKernel(channels, filters, widths);
        try {
            return VECTOR.newInstance(channels, filters, widths);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the vector window kernel failed to start", e);
        }
    }

    /** The name of the kernel of this JVM, for tests and logs. */
    static String name() {
        return VECTOR == null ? "loops" : "vector";
    }

    private static Constructor<? extends WindowMax> choose() {
        String reason;
        Constructor<? extends WindowMax> chosen = null;
        if (System.getProperty(PROPERTY, "auto").equals("loops")) {
            reason = "-D" + PROPERTY + "=loops";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "jdk.incubator.vector is not in the JVM (add --add-modules jdk.incubator.vector for speed)";
        } else {
            try {
                chosen = Class.forName("io.streamnet.nn.layer.VectorWindowMax").asSubclass(WindowMax.class)
                        .getDeclaredConstructor(int.class, int.class, int[].class);
                reason = "jdk.incubator.vector present; " + KeepVectorKernelsApart.apply();
            } catch (ReflectiveOperationException | LinkageError e) {
                reason = "Vector API unusable: " + e;
            }
        }
        System.getLogger(WindowMax.class.getName()).log(System.Logger.Level.INFO, "conv1d window kernel: {0} ({1})",
                chosen == null ? "loops" : "vector", reason);
        return chosen;
    }
}
