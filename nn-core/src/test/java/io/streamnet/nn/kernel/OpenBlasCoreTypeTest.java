package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenBlasCoreTypeTest {
    private static final Set<String> AVX512 = Set.of("sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq");

    @Test
    void avx512CpuGetsSkylakeX() {
        assertEquals(Optional.of("SkylakeX"), OpenBlasCoreType.forFlags(AVX512));
    }

    @Test
    void avx2WithFmaGetsHaswell() {
        assertEquals(Optional.of("Haswell"), OpenBlasCoreType.forFlags(Set.of("avx", "avx2", "fma")));
        // AVX-512 foundation alone, without bw/vl/dq, is not enough for the SkylakeX kernels.
        assertEquals(Optional.of("Haswell"), OpenBlasCoreType.forFlags(Set.of("avx2", "fma", "avx512f")));
    }

    @Test
    void olderCpuIsLeftToOpenBlas() {
        assertEquals(Optional.empty(), OpenBlasCoreType.forFlags(Set.of("sse3", "avx", "avx2")));
        assertEquals(Optional.empty(), OpenBlasCoreType.forFlags(Set.of()));
    }

    @Test
    void warnsOnlyWhenTheVariableIsMissingOnACpuThatNeedsIt() {
        assertTrue(OpenBlasCoreType.missingVariableWarning(null, AVX512).contains("OPENBLAS_CORETYPE=SkylakeX"));
        assertNull(OpenBlasCoreType.missingVariableWarning("Haswell", AVX512));
        assertNull(OpenBlasCoreType.missingVariableWarning(null, Set.of("sse3")));
    }
}
