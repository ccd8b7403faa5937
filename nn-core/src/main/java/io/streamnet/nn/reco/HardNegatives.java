package io.streamnet.nn.reco;

import io.streamnet.nn.random.Rng;
import java.util.Arrays;

/**
 * Adversarial negatives: of a larger popularity draw, keeps {@code want} candidates sampled without replacement with
 * probability proportional to {@code exp(score / temperature)}, the scores being the current model's: the items the
 * model ranks highest for the user, though the user did not pick them, are the ones it most needs to learn from. The
 * Gumbel-top-k trick draws the whole subset at once: the {@code want} largest {@code score / T + Gumbel noise} are an
 * exact sample, and the noise comes from the model's seeded generator, so the choice is deterministic.
 */
final class HardNegatives {
    private final double temperature;
    /** Per candidate: the perturbed score's order-preserving int bits in the high half, its index in the low half. */
    private final long[] keys;

    HardNegatives(int capacity, double temperature) {
        this.temperature = temperature;
        this.keys = new long[capacity];
    }

    /** Sets candidate {@code k}'s score (a logit under the current model) with its noise drawn from {@code rng}. */
    void score(int k, float logit, Rng rng) {
        // in (0, 1): ln(0) would be -infinity; StrictMath: the same bits interpreted or compiled, on every CPU
        double uniform = Math.max(rng.nextDouble(), Double.MIN_NORMAL);
        float perturbed = (float) (logit / temperature - StrictMath.log(-StrictMath.log(uniform)));
        keys[k] = ((long) sortable(perturbed) << 32) | k;
    }

    /**
     * Copies the {@code want} candidates of {@code pool[0..n)} with the largest perturbed scores into
     * {@code out[from..]}, in pool order; returns {@code want}.
     */
    int keep(int[] pool, int n, int want, int[] out, int from) {
        Arrays.sort(keys, 0, n);
        // the largest keys are at the end; their low halves are pool indices, kept in pool order for stable output
        for (int k = n - want; k < n; k++) {
            keys[k] = keys[k] & 0xffffffffL;
        }
        Arrays.sort(keys, n - want, n);
        for (int k = 0; k < want; k++) {
            out[from + k] = pool[(int) keys[n - want + k]];
        }
        return want;
    }

    /** The float's bits as an int that orders as the floats do (NaN cannot occur: finite logits, finite noise). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
