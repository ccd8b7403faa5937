package io.streamnet.nn.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code OPENBLAS_CORETYPE} this CPU's flags call for, as {@code ops/openblas-coretype.sh} computes it for the
 * launcher and the scripts. OpenBLAS reads the variable when it is loaded, so a JVM cannot set it for itself; it
 * can only say, once, that it is missing: Debian's OpenBLAS 0.3.21 runs its Prescott kernels (4x slower SGEMM) on a
 * CPU model it does not know.
 */
final class OpenBlasCoreType {
    static final String VARIABLE = "OPENBLAS_CORETYPE";

    private OpenBlasCoreType() {}

    /** SkylakeX with AVX-512 (f, bw, vl, dq), Haswell with AVX2 and FMA, else empty (OpenBLAS's own choice). */
    static Optional<String> forFlags(Set<String> flags) {
        if (flags.containsAll(List.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))) return Optional.of("SkylakeX");
        if (flags.containsAll(List.of("avx2", "fma"))) return Optional.of("Haswell");
        return Optional.empty();
    }

    /** The flags of the first processor in {@code /proc/cpuinfo}; empty where there is no such file. */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: nothing to advise.
        }
        return Set.of();
    }

    /** The warning to log when the native BLAS loads without the variable on a CPU that needs it, else null. */
    static String missingVariableWarning(String variableValue, Set<String> flags) {
        if (variableValue != null && !variableValue.isBlank()) return null;
        return forFlags(flags).map(core -> "GEMM kernel: native BLAS loaded with " + VARIABLE + " unset; on a CPU "
                + "model it does not know, OpenBLAS runs its Prescott kernels, about 4x slower: set " + VARIABLE + "="
                + core + " (./streamnet and .ci/run do, from the CPU's flags)").orElse(null);
    }
}
