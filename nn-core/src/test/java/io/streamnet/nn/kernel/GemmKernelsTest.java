package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel choice, on the availability of this machine and on simulated other machines. */
class GemmKernelsTest {
    private final SgemmKernel vector = GemmKernels.vector().orElseThrow();
    private final SgemmKernel fakeNative = new FakeKernel("native", 1); // stands in for the native kernel

    @Test
    void autoPrefersVectorThenOptimisedNativeThenJava() {
        assertSame(vector, choose("auto", vector, fakeNative, true).kernel);

        GemmKernels.Choice nativeChoice = choose("auto", null, fakeNative, true);
        assertTrue(nativeChoice.kernel instanceof SizeSplitSgemm, nativeChoice.kernel.getClass().toString());
        assertTrue(nativeChoice.reason.contains("native BLAS loaded"), nativeChoice.reason);

        GemmKernels.Choice reference = choose("auto", null, fakeNative, false);
        assertSame(GemmKernels.java(), reference.kernel);
        assertTrue(reference.reason.contains("/usr/lib/blas/libblas.so.3 is not a known optimised BLAS"), reference.reason);

        GemmKernels.Choice none = choose("auto", null, null, false);
        assertSame(GemmKernels.java(), none.kernel);
        assertTrue(none.reason.contains("no vector module") && none.reason.contains("no libblas"), none.reason);
    }

    @Test
    void measuredTimesTheAvailableKernelsStartingWithAutosChoice() {
        GemmKernels.Choice all = choose("measured", vector, fakeNative, true);
        assertTrue(all.kernel instanceof MeasuredSgemm, all.kernel.getClass().toString());
        assertTrue(all.kernel.description().startsWith("measured per shape class among vector, native, java"),
                all.kernel.description());
        assertTrue(all.reason.contains("jdk.incubator.vector is present"), all.reason);

        GemmKernels.Choice nativeFirst = choose("measured", null, fakeNative, true);
        assertTrue(nativeFirst.kernel.description().startsWith("measured per shape class among native, java"),
                nativeFirst.kernel.description());

        // One candidate: nothing to measure.
        assertSame(GemmKernels.java(), choose("measured", null, null, false).kernel);
    }

    @Test
    void explicitChoiceIsHonouredOrFailsSayingWhy() {
        assertSame(GemmKernels.java(), choose("java", vector, fakeNative, true).kernel);
        assertSame(vector, choose(" Vector ", vector, fakeNative, true).kernel);
        assertTrue(choose("native", vector, fakeNative, false).kernel instanceof SizeSplitSgemm);

        IllegalStateException noVector = assertThrows(IllegalStateException.class,
                () -> choose("vector", null, fakeNative, true));
        assertTrue(noVector.getMessage().contains("no vector module"), noVector.getMessage());
        IllegalStateException noNative = assertThrows(IllegalStateException.class,
                () -> choose("native", vector, null, false));
        assertTrue(noNative.getMessage().contains("no libblas"), noNative.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> choose("mkl", vector, fakeNative, true));
        assertTrue(bad.getMessage().contains("-Dstreamnet.blas=mkl is not a kernel"), bad.getMessage());
    }

    @Test
    void thisJvmPicksTheVectorKernelUnderMaven() {
        // nn-core's surefire runs with --add-modules jdk.incubator.vector and no -Dstreamnet.blas.
        assertEquals("vector", Gemm.kernel().name());
        assertEquals("vector", GemmKernels.byName("auto").name());
    }

    private static GemmKernels.Choice choose(String choice, SgemmKernel vector, SgemmKernel nat, boolean optimised) {
        return GemmKernels.choose(choice, vector, vector == null ? "no vector module" : null,
                nat, nat == null ? "no libblas" : null, optimised, "/usr/lib/blas/libblas.so.3", 4096, 0);
    }
}
