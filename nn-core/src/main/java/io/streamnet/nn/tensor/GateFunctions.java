package io.streamnet.nn.tensor;

/**
 * The recurrent cells' sigmoid and tanh in float, branch-free so that {@link VectorRowKernels} can compute them
 * lane by lane with the same operations (these scalar functions are the reference it must match bit for bit).
 * Not the {@code Sigmoid} and {@code Tanh} activations, which take double {@code Math.exp} and stay as they are.
 *
 * <p>Both rest on e^y = 2^n (1 + p(r)): n = y / ln 2 rounded to the nearest integer (by adding and subtracting
 * 1.5 * 2^23), r = y - n ln 2 in [-0.35, 0.35] (Cody-Waite: n ln2_hi is exact, so only the small ln2_lo term
 * rounds), p(r) = e^r - 1 by its Taylor series to r^7 (the next term is below 1e-8 of the result), and 2^n built
 * in the exponent bits of a float. Each function clamps its argument to where its result is already saturated in
 * float, so that 2^n stays a normal float: no overflow, no subnormal, no NaN for any input but NaN.
 */
public final class GateFunctions {
    static final float LOG2E = 1.44269504f;
    /** ln 2 split: the high part has 16 significant bits, so n * LN2_HI is exact for |n| < 256. */
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860682e-6f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in its low mantissa bits. */
    static final float ROUND = 12582912f;
    static final float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;
    /** Exponent bias, in place: (n << 23) + BIAS are the bits of 2^n. */
    static final int BIAS = 127 << 23;
    /** sigmoid(x) is 1f from x = 17 on; below -87, e^-x would need 2^127 and more (the result stays 1.6e-38). */
    static final float SIGMOID_LO = -87f, SIGMOID_HI = 20f;
    /** tanh(x) is 1f from |x| = 9.1 on. */
    static final float TANH_HI = 10f;
    static final int SIGN = 0x80000000;

    private GateFunctions() {}

    /** 1 / (1 + e^-x): within 2.5 ulp of the exact value for x >= -87 ({@code GateFunctionsTest}). */
    public static float sigmoid(float x) {
        float y = -Math.min(Math.max(x, SIGMOID_LO), SIGMOID_HI);
        float t = y * LOG2E + ROUND;
        float s = twoToThe(t);
        float e = s + s * expm1Reduced(y, t - ROUND);
        return 1f / (1f + e);
    }

    /**
     * tanh(|x|) = m / (m + 2) with m = e^{2|x|} - 1, then x's sign: m keeps its relative precision near 0 (no
     * cancellation) and m >= 0 keeps the division well conditioned; within 2.5 ulp ({@code GateFunctionsTest}).
     */
    public static float tanh(float x) {
        float y = 2f * Math.min(Math.abs(x), TANH_HI);
        float t = y * LOG2E + ROUND;
        float s = twoToThe(t);
        float m = (s - 1f) + s * expm1Reduced(y, t - ROUND);
        return Float.intBitsToFloat(Float.floatToRawIntBits(m / (m + 2f)) | (Float.floatToRawIntBits(x) & SIGN));
    }

    /** e^r - 1 for r = y - n ln 2, n an integer in float. */
    private static float expm1Reduced(float y, float n) {
        float r = (y - n * LN2_HI) - n * LN2_LO;
        return r + r * r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7)))));
    }

    /** 2^n from t = y log2(e) + ROUND, whose low mantissa bits hold n (the shift drops ROUND's own bits). */
    private static float twoToThe(float t) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + BIAS);
    }
}
