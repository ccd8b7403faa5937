package io.streamnet.nn.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JVM accepts the compiler directive that keeps the Vector API kernels out of their callers' compilations. */
class KeepVectorKernelsApartTest {
    @Test
    void theJvmAcceptsTheDirective() {
        assertEquals("not inlined into callers (compiler directive)", KeepVectorKernelsApart.apply());
    }
}
