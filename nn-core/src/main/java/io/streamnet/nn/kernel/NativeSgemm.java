package io.streamnet.nn.kernel;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SGEMM through the system's native BLAS ({@code libblas.so.3}, e.g. OpenBLAS), called over JNI by
 * {@code dev.ludovic.netlib:blas} (the binding Spark MLlib uses). BLAS is column-major; a row-major product
 * {@code C = op(A) op(B)} is the column-major product {@code C^T = op(B)^T op(A)^T} on the same memory, so the
 * operands are passed swapped and nothing is copied.
 *
 * <p>Only {@link GemmKernels} creates it, inside a guard: this class links against netlib, whose native part
 * needs the system library.
 */
final class NativeSgemm implements SgemmKernel {
    private final BLAS blas;
    private final String library;

    private NativeSgemm(BLAS blas, String library) {
        this.blas = blas;
        this.library = library;
    }

    /** Loads the native BLAS; throws (RuntimeException or LinkageError) when it is not there. */
    static NativeSgemm load() {
        BLAS blas = NativeBLAS.getInstance();
        return new NativeSgemm(blas, mappedBlasLibraries());
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        // The checks also guard native code against reading or writing outside the arrays.
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            CMatrix.scale(c, cOff, ldc, m, n, beta);
            return;
        }
        if (m == 1) {
            // One row of C: a matrix-vector product, which BLAS does far better as sgemv than as sgemm.
            // The column-major view of B is B^T (n x k) or, when B is stored transposed, op(B) (k x n).
            int incA = transA ? lda : 1;
            if (!transB) {
                blas.sgemv("N", n, k, alpha, b, bOff, ldb, a, aOff, incA, beta, c, cOff, 1);
            } else {
                blas.sgemv("T", k, n, alpha, b, bOff, ldb, a, aOff, incA, beta, c, cOff, 1);
            }
        } else if (n == 1) {
            // One column of C (stride ldc); the column-major view of A is A^T (k x m) or op(A) (m x k).
            int incB = transB ? 1 : ldb;
            if (!transA) {
                blas.sgemv("T", k, m, alpha, a, aOff, lda, b, bOff, incB, beta, c, cOff, ldc);
            } else {
                blas.sgemv("N", m, k, alpha, a, aOff, lda, b, bOff, incB, beta, c, cOff, ldc);
            }
        } else {
            blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                    alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "native BLAS " + library + " via dev.ludovic.netlib";
    }

    /** The shared library files backing the BLAS symbols, as mapped into this process (Linux), or "libblas.so.3". */
    String library() {
        return library;
    }

    /** True when the loaded library is a known optimised BLAS rather than the slow reference implementation. */
    boolean optimised() {
        String lib = library.toLowerCase(Locale.ROOT);
        return lib.contains("openblas") || lib.contains("mkl") || lib.contains("blis") || lib.contains("atlas");
    }

    private static String mappedBlasLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return "libblas.so.3";
        try {
            List<String> lines = Files.readAllLines(maps);
            Set<String> paths = new LinkedHashSet<>();
            for (String line : lines) {
                int slash = line.indexOf('/');
                if (slash < 0) continue;
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (file.contains("blas") && !file.contains("netlibblasjni")) paths.add(path);
            }
            return paths.isEmpty() ? "libblas.so.3" : String.join(", ", paths);
        } catch (IOException | RuntimeException e) {
            return "libblas.so.3";
        }
    }
}
