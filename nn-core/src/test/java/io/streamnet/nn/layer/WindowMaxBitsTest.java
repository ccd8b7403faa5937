package io.streamnet.nn.layer;

import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every {@link WindowMax} against the plain reference loop, bit for bit: each window summed from 0, one product at
 * a time, multiply then add, position by position and channel by channel; the first window taken, then only a
 * larger sum. Inputs of widely spread magnitudes (so that any other summation order rounds differently), lengths
 * from 0 to past a few blocks, shorter than the width, padding full of huge values (read, it would win), ties
 * (repeated positions), NaN and negative zeros; the examples as one batch (windows of several examples share a
 * block) and each alone.
 */
class WindowMaxBitsTest {
    private static final int TIME = 50;

    @Test
    void theLoopKernelIsTheReference() {
        check(WindowMaxKernel::new);
    }

    @Test
    void theVectorKernelIsTheReference() {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "needs --add-modules jdk.incubator.vector");
        check(VectorWindowMax::new);
    }

    interface Factory {
        WindowMax create(int channels, int filters, int[] widths);
    }

    private static void check(Factory factory) {
        Rng rng = new Rng(13);
        int[] widths = {1, 2, 3, 4, 5, 9};
        for (int channels : new int[] {1, 3, 8, 128}) {
            for (int filters : new int[] {1, 7, 16, 33, 100}) {
                WindowMax kernel = factory.create(channels, filters, widths);
                for (int round = 0; round < 3; round++) {
                    float[][] kernels = new float[widths.length][];
                    for (int i = 0; i < widths.length; i++) {
                        kernels[i] = values(rng, widths[i] * channels * filters);
                        kernel.pack(i, kernels[i]);
                    }
                    List<Integer> lengths = lengths(rng);
                    float[][] examples = new float[lengths.size()][];
                    for (int e = 0; e < examples.length; e++) examples[e] = example(rng, lengths.get(e), channels, round);
                    String where = "channels " + channels + ", filters " + filters + ", round " + round;
                    compare(kernel, kernels, widths, channels, filters, lengths, examples, where + ", one batch");
                    for (int e = 0; e < examples.length; e++) {
                        compare(kernel, kernels, widths, channels, filters, List.of(lengths.get(e)),
                                new float[][] {examples[e]}, where + ", alone");
                    }
                }
            }
        }
    }

    /** The examples as one batch through the kernel, every (example, width, filter) against the reference. */
    private static void compare(WindowMax kernel, float[][] kernels, int[] widths, int channels, int filters,
                                List<Integer> lengths, float[][] examples, String where) {
        int batch = examples.length;
        Tensor x = Tensor.sequence(batch, TIME, channels);
        int[] lens = new int[batch];
        for (int e = 0; e < batch; e++) {
            System.arraycopy(examples[e], 0, x.data(), e * TIME * channels, TIME * channels);
            lens[e] = lengths.get(e);
        }
        x.setLengths(lens);
        int stride = widths.length * filters + 3; // not the tight layout: the kernel must use it
        float[] out = new float[batch * stride];
        int[] argmax = new int[batch * stride];
        java.util.Arrays.fill(out, 7f);
        for (int i = 0; i < widths.length; i++) kernel.maxOverWindows(i, x, out, argmax, stride);
        for (int e = 0; e < batch; e++) {
            for (int i = 0; i < widths.length; i++) {
                for (int f = 0; f < filters; f++) {
                    int at = e * stride + i * filters + f;
                    String what = where + ", example " + e + " of length " + lens[e] + ", width " + widths[i]
                            + ", filter " + f;
                    if (lens[e] == 0) {
                        assertEquals(7f, out[at], what + ": an empty example is left as it is");
                        continue;
                    }
                    float[] expected = reference(examples[e], lens[e], kernels[i], widths[i], channels, filters, f);
                    assertEquals(Float.floatToRawIntBits(expected[0]), Float.floatToRawIntBits(out[at]), what);
                    assertEquals((int) expected[1], argmax[at], what + ": its window");
                }
            }
        }
    }

    /** Lengths 0 .. TIME: empty, every short one, a few random ones, the longest. */
    private static List<Integer> lengths(Rng rng) {
        List<Integer> out = new ArrayList<>();
        for (int len = 0; len <= 16; len++) out.add(len);
        for (int k = 0; k < 4; k++) out.add(17 + rng.nextInt(TIME - 17));
        out.add(TIME);
        return out;
    }

    /** Magnitudes from 2^-12 to 2^12, either sign, so that the rounding of a sum depends on its order. */
    private static float[] values(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(25) - 12));
        return v;
    }

    /**
     * One example of TIME positions: len valid, the rest huge (read, they would win). Round 1 repeats positions
     * (windows tie); round 2 adds a NaN and a run of negative zeros.
     */
    private static float[] example(Rng rng, int len, int channels, int round) {
        float[] x = new float[TIME * channels];
        float[] valid = values(rng, len * channels);
        System.arraycopy(valid, 0, x, 0, valid.length);
        for (int k = len * channels; k < x.length; k++) x[k] = 1e30f;
        if (round == 1 && len > 3) {
            for (int p = 2; p < len; p += 2) System.arraycopy(x, 0, x, p * channels, channels);
        }
        if (round == 2 && len > 0) {
            x[rng.nextInt(len * channels)] = Float.NaN;
            int from = rng.nextInt(len);
            for (int k = from * channels; k < Math.min(len, from + 3) * channels; k++) x[k] = -0f;
        }
        return x;
    }

    /** {best, window} of filter f: the definition. */
    private static float[] reference(float[] x, int len, float[] kernel, int w, int channels, int filters, int f) {
        int windows = Math.max(len - w + 1, 1);
        float best = 0f;
        int at = -1;
        for (int t = 0; t < windows; t++) {
            int span = Math.min(w, len - t) * channels;
            float s = 0f;
            for (int r = 0; r < span; r++) s = s + x[t * channels + r] * kernel[r * filters + f];
            if (t == 0 || s > best) {
                best = s;
                at = t;
            }
        }
        return new float[] {best, at};
    }
}
