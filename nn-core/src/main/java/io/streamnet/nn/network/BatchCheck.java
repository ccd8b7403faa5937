package io.streamnet.nn.network;

import io.streamnet.nn.loss.Loss;
import io.streamnet.nn.loss.TargetProblem;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

/** A network's check of a batch before it touches anything; allocates nothing unless the batch is wrong. */
final class BatchCheck {
    private final NetworkSpec spec;
    private final Loss loss;
    private final int outputWidth;
    /** "input 'name'" per input, built once so that checking a batch allocates nothing. */
    private final String[] inputFields;

    BatchCheck(NetworkSpec spec, Loss loss, int outputWidth) {
        this.spec = spec;
        this.loss = loss;
        this.outputWidth = outputWidth;
        this.inputFields = spec.inputs().stream().map(in -> "input '" + in.name() + "'").toArray(String[]::new);
    }

    /**
     * Checks a batch against the spec without touching anything: sizes and shapes of all inputs, every dense
     * value finite, every id in range, every bag weight finite, and (if {@code withTargets}) every target valid and
     * every example weight finite and >= 0.
     *
     * @throws InvalidBatchException naming the field and the example's index
     */
    void check(Batch batch, boolean withTargets) {
        int n = batch.size();
        if (n == 0) throw new InvalidBatchException("batch", -1, "is empty (call start(n) with n > 0 and fill it)");
        for (int i = 0; i < batch.inputCount(); i++) {
            InputSpec in = spec.inputs().get(i);
            String field = inputFields[i];
            Value v = batch.input(i);
            switch (in.type()) {
                case DENSE -> checkDense(field, (Tensor) v, in, n);
                case SPARSE_IDS -> checkSparse(field, (SparseIds) v, in, n);
                case IDS -> checkIds(field, (IdColumn) v, in, n);
            }
        }
        if (!withTargets) return;
        if (batch.targets().batchSize() != n) {
            throw new InvalidBatchException("targets", -1, "holds " + batch.targets().batchSize() + " examples, the batch has " + n);
        }
        TargetProblem p = loss.checkTargets(batch.targets(), n, outputWidth);
        if (p != null) throw new InvalidBatchException("targets", p.index(), p.problem());
        float[] w = batch.weights();
        if (w != null) {
            for (int b = 0; b < n; b++) {
                if (!Float.isFinite(w[b]) || w[b] < 0f) throw new InvalidBatchException("weights", b, "weight " + w[b] + " must be finite and >= 0");
            }
        }
    }

    private static void checkDense(String field, Tensor t, InputSpec in, int n) {
        boolean shapeOk = t.batchSize() == n && (in.time() > 0
                ? t.rank() == 3 && t.dim(1) == in.time() && t.dim(2) == in.size()
                : t.rank() == 2 && t.dim(1) == in.size());
        if (!shapeOk) {
            String want = in.time() > 0 ? "[" + n + ", " + in.time() + ", " + in.size() + "]" : "[" + n + ", " + in.size() + "]";
            throw new InvalidBatchException(field, -1, "has shape " + t.toString().substring("Tensor".length()) + ", expected " + want);
        }
        int[] lengths = t.lengths();
        if (lengths != null) {
            for (int b = 0; b < n; b++) {
                if (lengths[b] < 0 || lengths[b] > in.time()) {
                    throw new InvalidBatchException(field, b, "length " + lengths[b] + " is outside [0, " + in.time() + "]");
                }
            }
        }
        float[] d = t.data();
        int per = t.exampleSize();
        int size = t.size();
        for (int k = 0; k < size; k++) {
            if (!Float.isFinite(d[k])) {
                throw new InvalidBatchException(field, k / per, "feature " + (k % per) + " is " + d[k]);
            }
        }
    }

    private static void checkSparse(String field, SparseIds s, InputSpec in, int n) {
        if (s.pendingIds() != 0) {
            throw new InvalidBatchException(field, s.batchSize(), "has " + s.pendingIds() + " ids not closed by endExample()");
        }
        if (s.batchSize() != n) throw new InvalidBatchException(field, -1, "holds " + s.batchSize() + " examples, the batch has " + n);
        int[] ids = s.ids();
        int[] off = s.offsets();
        float[] w = s.weights();
        int vocab = in.vocab();
        if (w == null && allInRange(ids, off[0], off[n], vocab)) return;
        for (int b = 0; b < n; b++) {
            for (int k = off[b]; k < off[b + 1]; k++) {
                int id = ids[k];
                if (id < 0 || id >= vocab) {
                    throw new InvalidBatchException(field, b, "id " + id + " (position " + (k - off[b]) + ") is outside [0, " + vocab + ")");
                }
                if (w != null && !Float.isFinite(w[k])) {
                    throw new InvalidBatchException(field, b, "weight of id " + id + " (position " + (k - off[b]) + ") is " + w[k]);
                }
            }
        }
    }

    /**
     * Whether every id of {@code ids[from, to)} is in {@code [0, vocab)}: the sign bit of {@code id | (vocab - 1 - id)}
     * is set exactly when one of the two bounds fails, and an OR over the ids is a loop C2 vectorises (the check runs
     * on every id of every batch; the loop that names the bad one runs only when this fails).
     */
    private static boolean allInRange(int[] ids, int from, int to, int vocab) {
        int last = vocab - 1;
        int outside = 0;
        for (int k = from; k < to; k++) outside |= ids[k] | (last - ids[k]);
        return outside >= 0;
    }

    private static void checkIds(String field, IdColumn c, InputSpec in, int n) {
        if (c.batchSize() != n) throw new InvalidBatchException(field, -1, "holds " + c.batchSize() + " examples, the batch has " + n);
        int[] ids = c.ids();
        int vocab = in.vocab();
        int w = c.width();
        for (int b = 0; b < n; b++) {
            // positions after an example's length are padding: never looked up, so any id may stay there
            for (int k = b * w; k < b * w + c.length(b); k++) {
                if (ids[k] < 0 || ids[k] >= vocab) {
                    throw new InvalidBatchException(field, b, "id " + ids[k] + (w > 1 ? " (position " + (k - b * w) + ")" : "")
                            + " is outside [0, " + vocab + ")");
                }
            }
        }
    }
}
