package io.streamnet.nn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static io.streamnet.nn.tensor.GateFunctions.BIAS;
import static io.streamnet.nn.tensor.GateFunctions.C2;
import static io.streamnet.nn.tensor.GateFunctions.C3;
import static io.streamnet.nn.tensor.GateFunctions.C4;
import static io.streamnet.nn.tensor.GateFunctions.C5;
import static io.streamnet.nn.tensor.GateFunctions.C6;
import static io.streamnet.nn.tensor.GateFunctions.C7;
import static io.streamnet.nn.tensor.GateFunctions.LN2_HI;
import static io.streamnet.nn.tensor.GateFunctions.LN2_LO;

/**
 * The lanewise pieces of {@link GateFunctions}' e^y, the same operations in the same order. They take and return
 * vectors, so they live apart from {@link VectorRowKernels}, whose methods the JIT is told never to inline
 * (a vector passed to a method that is not inlined is boxed); these must be inlined, and are small enough to be.
 */
final class VectorGateFunctions {
    private VectorGateFunctions() {}

    /** e^r - 1 for r = y - n ln 2. */
    static FloatVector expm1Reduced(FloatVector y, FloatVector n) {
        FloatVector r = y.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector q = r.mul(C7).add(C6).mul(r).add(C5).mul(r).add(C4).mul(r).add(C3).mul(r).add(C2);
        return r.add(r.mul(r).mul(q));
    }

    /** 2^n from t = y log2(e) + ROUND. */
    static FloatVector twoToThe(FloatVector t) {
        return t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(BIAS).reinterpretAsFloats();
    }
}
