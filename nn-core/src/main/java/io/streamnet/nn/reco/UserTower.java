package io.streamnet.nn.reco;

import io.streamnet.nn.activation.ActivationFunction;
import io.streamnet.nn.activation.Activations;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;
import io.streamnet.nn.tensor.RowKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The user representation {@code u} from the user's recent items (and optionally the user's own row):
 * <pre>
 *   x = sum_k (g^k / Z_n) w_k C[r_k]  (+ P[user])     k = 0 the most recent of the n <= L history items,
 *                                                    Z_n = sum_{k < n} g^k
 *   u = f(x W + c)  with the dense layer, else u = x
 * </pre>
 * C is the context table: the item table Q itself ({@code context_table: tied}: an item's one vector both says what a
 * user is into and whether it fits, so every positive trains it twice), or a second item table ({@code separate}); g
 * the spec's recency (1: a plain mean; below 1 the latest items weigh most, which is what a stream of
 * sessions rewards), w learned position factors (1 without them), P the user table. Forward and backward of one example
 * at a time; gradients accumulate (sparse rows for C and P) until the model's optimizer step.
 */
final class UserTower {
    private final RowKernels kernels = RowKernels.get();
    private final int dim;
    private final int length;
    private final Parameter context;
    private final Parameter user;
    private final Parameter positions;
    private final Parameter weight;
    private final Parameter bias;
    private final ActivationFunction activation;
    /** recency^k, and the normalised pooling weights of the last forward pass. */
    private final float[] decay;
    private final float[] pool;
    private final List<Parameter> params = new ArrayList<>();
    // The last forward pass, for backward.
    private final int[] rows;
    private int n;
    private int userRow;
    private final float[] x;
    private final float[] pre;
    private final float[] u;
    private final float[] gradPre;
    private final float[] gradX;

    /** @param itemTable the model's item table, the context table when the spec ties them */
    UserTower(RecommenderSpec spec, Parameter itemTable) {
        this.dim = spec.dim();
        this.length = spec.history().length();
        if (spec.tower().tiedContext()) {
            this.context = itemTable;
        } else {
            this.context = Parameter.sparse("reco_context", "embedding", spec.items().capacity(), dim);
            params.add(context);
        }
        RecommenderSpec.Tower t = spec.tower();
        this.user = t.userEmbedding() ? Parameter.sparse("reco_user", "embedding", spec.users().capacity(), dim) : null;
        if (user != null) {
            params.add(user);
        }
        this.positions = t.positionWeights() ? Parameter.dense("reco_position", "weight", 1, length) : null;
        if (positions != null) {
            params.add(positions);
        }
        if (t.hasDense()) {
            this.weight = Parameter.dense("reco_tower", "weight", dim, dim);
            this.bias = Parameter.dense("reco_tower", "bias", 1, dim);
            this.activation = Activations.byName(t.dense(), 0f);
            params.add(weight);
            params.add(bias);
        } else {
            this.weight = null;
            this.bias = null;
            this.activation = null;
        }
        this.decay = new float[length];
        for (int k = 0; k < length; k++) {
            decay[k] = (float) StrictMath.pow(t.recency(), k);
        }
        this.pool = new float[length];
        this.rows = new int[length];
        this.x = new float[dim];
        this.pre = new float[dim];
        this.u = new float[dim];
        this.gradPre = new float[dim];
        this.gradX = new float[dim];
    }

    /** The tower's own parameters (not the item table when the context is tied to it). */
    List<Parameter> params() {
        return params;
    }

    /** The separate context table, or null when the context is the item table. */
    Parameter separateContext() {
        return params.contains(context) ? context : null;
    }

    /** The user table, or null without user embeddings. */
    Parameter user() {
        return user;
    }

    Parameter positions() {
        return positions;
    }

    Parameter weight() {
        return weight;
    }

    int length() {
        return length;
    }

    /**
     * Computes u into {@code out[off, off + dim)}.
     *
     * @param contextRows rows of the history items, most recent first; only the first {@code count} are read
     * @param userRow     the user's row (ignored without user embeddings)
     */
    void forward(int[] contextRows, int count, int userRow, float[] out, int off) {
        if (count > length) {
            throw new IllegalArgumentException(count + " history items, the tower reads at most " + length);
        }
        this.n = count;
        this.userRow = userRow;
        java.util.Arrays.fill(x, 0f);
        float z = 0f;
        for (int k = 0; k < count; k++) {
            z += decay[k];
        }
        float[] c = context.value();
        for (int k = 0; k < count; k++) {
            rows[k] = contextRows[k];
            pool[k] = decay[k] / z;
            float a = positions == null ? pool[k] : pool[k] * positions.value()[k];
            kernels.axpy(a, c, contextRows[k] * dim, x, 0, dim);
        }
        if (user != null) {
            kernels.add(user.value(), userRow * dim, x, 0, dim);
        }
        if (weight == null) {
            System.arraycopy(x, 0, u, 0, dim);
        } else {
            float[] w = weight.value();
            System.arraycopy(bias.value(), 0, pre, 0, dim);
            for (int i = 0; i < dim; i++) {
                kernels.axpy(x[i], w, i * dim, pre, 0, dim);
            }
            activation.forward(pre, u, dim);
        }
        System.arraycopy(u, 0, out, off, dim);
    }

    /** Adds the gradients of the last forward pass's inputs and weights, given {@code dLoss/du}. */
    void backward(float[] gradU) {
        float[] gx = gradU;
        if (weight != null) {
            activation.backward(pre, u, gradU, gradPre, dim);
            float[] w = weight.value();
            float[] gw = weight.grad();
            float[] gb = bias.grad();
            for (int i = 0; i < dim; i++) {
                kernels.axpy(x[i], gradPre, 0, gw, i * dim, dim);
                gradX[i] = VectorMath.dot(w, i * dim, gradPre, 0, dim);
            }
            kernels.add(gradPre, 0, gb, 0, dim);
            gx = gradX;
        }
        if (user != null) {
            SparseRowGradient g = user.sparseGrad();
            int off = g.offsetOf(userRow); // before values(): a new row may grow the array
            kernels.add(gx, 0, g.values(), off, dim);
        }
        SparseRowGradient g = context.sparseGrad();
        float[] c = context.value();
        for (int k = 0; k < n; k++) {
            float a = positions == null ? pool[k] : pool[k] * positions.value()[k];
            int off = g.offsetOf(rows[k]);
            kernels.axpy(a, gx, 0, g.values(), off, dim);
            if (positions != null) {
                positions.grad()[k] += pool[k] * VectorMath.dot(c, rows[k] * dim, gx, 0, dim);
            }
        }
    }
}
