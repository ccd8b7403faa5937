package io.streamnet.nn.kernel;

import java.util.List;

/** Times candidate kernels on one product; an interface so that the choice can be tested with given timings. */
interface KernelTiming {
    /** Nanoseconds per call of each candidate, in the candidates' order, on a product of these sizes. */
    double[] nanosPerCall(List<SgemmKernel> candidates, boolean transA, boolean transB, int m, int n, int k);
}
